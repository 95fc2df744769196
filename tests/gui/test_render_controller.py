"""The render controller on its own, with real models on a small photo: which previews and renders it delivers,
and its states."""
import numpy as np
import pytest

from app.gui.images import from_qimage, load_picture
from app.gui.recipe import Recipe
from app.gui.render_controller import PREVIEW_SIDE, PreviewState, RenderController, RenderState
from app.gui.workers import busy, wait_all
from app.pipeline import zoo
from app.pipeline.recipe import run_model
from app.pipeline.tensors import fit_max_side


@pytest.fixture
def controller(qtbot):
    renderer = RenderController()
    yield renderer
    renderer.stop()
    wait_all()


@pytest.fixture
def content(photo):
    return load_picture(photo)


def preset(name):
    return Recipe(zoo.get("multistyle26"), name, name)


def render(controller, content, recipe):
    controller.render(content, recipe, summary=recipe.label, title=recipe.label, details="")


def difference(a, b):
    return np.abs(a.astype(int) - b).mean()


def test_a_newer_preview_request_delivers_only_its_result(qtbot, controller, content):
    ready, started = [], []
    controller.previewReady.connect(lambda before, after, size, seconds, quiet: ready.append((after, size, quiet)))
    controller.previewStarted.connect(lambda: started.append(True))
    controller.preview(content, preset("style-03"))
    controller.preview(content, preset("style-04"))  # the controls moved on before the first came back
    assert controller.preview_state is PreviewState.RUNNING
    qtbot.waitUntil(lambda: controller.preview_state is PreviewState.IDLE, timeout=60000)
    qtbot.wait(300)  # a first preview finishing late would land by now
    assert len(ready) == 1 and len(started) == 2
    after, size, quiet = ready[0]
    small = fit_max_side(content.rgb, PREVIEW_SIDE)
    delivered = from_qimage(after)
    assert difference(delivered, run_model(small, preset("style-04"))) < 1
    assert difference(delivered, run_model(small, preset("style-03"))) > 5
    assert size == (320, 213) and not quiet
    controller.preview(content, preset("style-04"))  # the settings of the last preview: not made again
    assert len(started) == 2 and controller.preview_state is PreviewState.IDLE


def test_a_render_makes_the_preview_on_its_way_moot(qtbot, controller, content):
    previews, states = [], []
    controller.previewReady.connect(lambda *args: previews.append(args))
    controller.stateChanged.connect(states.append)
    controller.schedule_preview()
    assert controller.preview_state is PreviewState.DUE
    controller.preview(content, preset("style-05"))
    with qtbot.waitSignal(controller.rendered, timeout=60000) as rendered:
        render(controller, content, preset("style-06"))
        assert controller.state is RenderState.RENDERING and controller.preview_state is PreviewState.IDLE
    qtbot.wait(500)  # the preview it made moot, finishing anyway, would land by now
    assert previews == [] and states == [RenderState.RENDERING, RenderState.IDLE]
    result = rendered.args[0]
    assert result.label == "style-06" and result.size == (320, 213) and result.seconds > 0
    assert result.settings["size"] == [320, 213] and result.recipe.style == "style-06"
    assert difference(result.rgb, run_model(content.rgb, preset("style-06"))) < 1
    controller.preview(content, preset("style-06"))  # the render's own settings: no preview of them
    assert controller.preview_state is PreviewState.IDLE


def test_a_render_queued_while_a_preview_runs_starts_after_it(qtbot, controller, content):
    states = []
    controller.stateChanged.connect(states.append)
    with qtbot.waitSignal(controller.previewReady, timeout=60000):  # a queued render leaves the preview be
        controller.preview(content, preset("style-08"))
        controller.queue()  # Render clicked while a picture opens
        assert controller.state is RenderState.QUEUED
    assert controller.unqueue()  # the picture is in
    with qtbot.waitSignal(controller.rendered, timeout=60000):
        render(controller, content, preset("style-08"))
    assert states == [RenderState.QUEUED, RenderState.IDLE, RenderState.RENDERING, RenderState.IDLE]
    assert not controller.unqueue()
    controller.queue()
    assert controller.cancel() and controller.state is RenderState.IDLE  # a queued render can be cancelled
    assert not controller.cancel()


def test_a_render_without_a_result_asks_for_its_preview_again_quietly(qtbot, controller, content):
    ready, started, due, rendered = [], [], [], []
    controller.previewReady.connect(lambda before, after, size, seconds, quiet: ready.append(quiet))
    controller.previewStarted.connect(lambda: started.append(True))
    controller.previewDue.connect(lambda: due.append(True))
    controller.rendered.connect(rendered.append)
    with qtbot.waitSignal(controller.previewReady, timeout=60000):
        controller.preview(content, preset("style-09"))
    no_style = Recipe(zoo.get("arbitrary"))  # refused in the worker: the model needs a style image
    with qtbot.waitSignal(controller.renderFailed, timeout=60000) as failed:
        render(controller, content, no_style)
    assert "Choose a style" in failed.args[0] and controller.state is RenderState.IDLE
    assert controller.preview_state is PreviewState.DUE
    qtbot.waitUntil(lambda: len(due) == 1, timeout=5000)
    with qtbot.waitSignal(controller.previewReady, timeout=60000):
        controller.preview(content, preset("style-09"))

    render(controller, content, preset("style-10"))
    assert controller.cancel() and controller.state is RenderState.IDLE  # free at once
    assert controller.preview_state is PreviewState.DUE
    qtbot.waitUntil(lambda: not busy(), timeout=60000)  # the worker has stopped, and was not heard from
    qtbot.waitUntil(lambda: len(due) == 2, timeout=5000)
    with qtbot.waitSignal(controller.previewReady, timeout=60000):  # the render's own settings: made again
        controller.preview(content, preset("style-10"))
    assert ready == [False, True, True]  # after a render that gave nothing, a preview only catches up: no words

    controller.schedule_preview()  # the person moves on: the next preview speaks again
    controller.preview(content, preset("style-11"))
    qtbot.waitUntil(lambda: len(ready) == 4, timeout=60000)
    assert ready[-1] is False and len(started) == 4 and rendered == []
