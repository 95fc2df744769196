"""The main window's actions, menus and toolbar: what they say, their shortcuts, when they are enabled.

A part of :class:`app.gui.main_window.MainWindow` (a mixin). Its texts use ``tr()`` from :mod:`.i18n`: a
mixin's ``self.tr`` would look them up under the window's class name, not this one's.
"""
from PyQt5.QtCore import Qt
from PyQt5.QtGui import QKeySequence
from PyQt5.QtWidgets import QAction, QActionGroup, QStyle, QToolBar

from . import i18n
from .i18n import tr
from .render_controller import RenderState


class WindowActions:
    def _action(self, name, slot, shortcuts=(), icon=None, checkable=False) -> QAction:
        action = QAction(self, objectName=name, checkable=checkable)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a("open", self.open_content_dialog, ["Ctrl+O"], QStyle.SP_DialogOpenButton)
        self.open_style_action = a("openStyle", self.open_style_dialog, ["Ctrl+Shift+O"])
        self.paste_action = a("paste", lambda: self.paste("content"), [QKeySequence.Paste])
        self.paste_style_action = a("pasteStyle", lambda: self.paste("style"), ["Ctrl+Shift+V"])
        self.save_action = a("save", self.save, [QKeySequence.Save], QStyle.SP_DialogSaveButton)
        self.save_as_action = a("saveAs", lambda: self.save_as(), ["Ctrl+Shift+S"])
        self.batch_action = a("batch", lambda: self.open_batch(), ["Ctrl+B"])
        self.finetune_action = a("finetune", self.open_finetune, ["Ctrl+T"])
        self.quit_action = a("quit", self.close, [QKeySequence.Quit])
        self.about_action = a("about", self.show_about)
        self.render_action = a("render", self.render, ["Ctrl+R", "F5"], QStyle.SP_MediaPlay)
        self.cancel_action = a("cancel", self.cancel, ["Esc"], QStyle.SP_MediaStop)
        self.zoom_in_action = a("zoomIn", self.view.zoom_in, ["Ctrl+=", "Ctrl++"])  # the first is the one shown
        self.zoom_out_action = a("zoomOut", self.view.zoom_out, ["Ctrl+-"])
        self.fit_action = a("fit", self.view.fit_to_window, ["Ctrl+0"])
        self.actual_action = a("actualSize", self.view.actual_size, ["Ctrl+1"])
        self.compare_action = a("compare", self.view.set_compare, ["Ctrl+K"], checkable=True)
        self.compare_action.setChecked(True)
        self.theme_group = QActionGroup(self)
        self.theme_actions = {name: a(f"theme-{name}", lambda _=False, n=name: self.set_theme(n), checkable=True)
                              for name in i18n.THEMES}
        self.language_group = QActionGroup(self)
        self.language_actions = {code: a(f"language-{code}", lambda _=False, c=code: self.set_language(c),
                                         checkable=True) for code in ("system", *i18n.LANGUAGES)}
        for group, actions in ((self.theme_group, self.theme_actions), (self.language_group, self.language_actions)):
            for action in actions.values():
                group.addAction(action)

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.recent_menu = self.file_menu.addMenu("")
        self.view_menu = bar.addMenu("")
        self.theme_menu = self.view_menu.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.tools_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)
        for action in (self.open_action, self.open_style_action, self.paste_action, self.paste_style_action):
            self.file_menu.addAction(action)
        self.file_menu.insertMenu(self.paste_action, self.recent_menu)
        self.file_menu.addSeparator()
        for action in (self.save_action, self.save_as_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        for action in (self.zoom_in_action, self.zoom_out_action, self.fit_action, self.actual_action,
                       self.compare_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.view_menu.addMenu(self.theme_menu)
        self.view_menu.addMenu(self.language_menu)
        for action in self.theme_actions.values():
            self.theme_menu.addAction(action)
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        for action in (self.render_action, self.cancel_action, self.batch_action, self.finetune_action):
            self.tools_menu.addAction(action)

        self.toolbar = QToolBar(objectName="mainToolbar", movable=False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        for action in (self.open_action, self.save_action, None, self.render_action, self.cancel_action, None,
                       self.fit_action, self.actual_action, self.compare_action, None, self.batch_action,
                       self.finetune_action):
            self.toolbar.addSeparator() if action is None else self.toolbar.addAction(action)
        self.addToolBar(self.toolbar)

    def _retranslate_actions(self) -> None:
        """The texts of the actions (with their shortcuts in the tooltips) and the menus."""
        texts = {
            self.open_action: tr("Open photo…"), self.open_style_action: tr("Open style image…"),
            self.paste_action: tr("Paste photo"), self.paste_style_action: tr("Paste style image"),
            self.save_action: tr("Save"), self.save_as_action: tr("Save as…"),
            self.batch_action: tr("Batch…"), self.finetune_action: tr("Fine-tune…"),
            self.quit_action: tr("Quit"), self.render_action: tr("Render"),
            self.about_action: tr("About Huafeng"),
            self.cancel_action: tr("Cancel"), self.zoom_in_action: tr("Zoom in"),
            self.zoom_out_action: tr("Zoom out"), self.fit_action: tr("Fit to window"),
            self.actual_action: tr("Actual size"), self.compare_action: tr("Compare before/after"),
            self.theme_actions["dark"]: tr("Dark"), self.theme_actions["light"]: tr("Light"),
            self.language_actions["system"]: tr("System language"),
        }
        for code, name in i18n.LANGUAGES.items():
            texts[self.language_actions[code]] = name
        for action, text in texts.items():
            action.setText(text)
            keys = action.shortcut().toString(QKeySequence.NativeText)
            action.setToolTip(f"{text} ({keys})" if keys else text)
        self.file_menu.setTitle(tr("&File"))
        self.recent_menu.setTitle(tr("Open recent photo"))
        self.view_menu.setTitle(tr("&View"))
        self.theme_menu.setTitle(tr("Theme"))
        self.language_menu.setTitle(tr("Language"))
        self.tools_menu.setTitle(tr("&Tools"))
        self.help_menu.setTitle(tr("&Help"))

    def show_about(self):
        """Help ▸ About: the version, the models' licenses and where settings, data and caches are kept."""
        from .about import AboutDialog

        dialog = AboutDialog(self.settings, self)
        dialog.open()
        return dialog

    def _update_actions(self) -> None:
        busy = self.renderer.state is not RenderState.IDLE  # rendering, or about to
        has_result = self.current is not None
        self.render_action.setEnabled(not busy)
        self.render_button.setEnabled(not busy)
        self.cancel_action.setEnabled(busy)
        self.save_action.setEnabled(has_result)
        self.save_as_action.setEnabled(has_result)
        self.save_button.setEnabled(has_result)

    def set_theme(self, theme: str) -> None:
        theme = i18n.apply_theme(theme)
        self.settings.set("ui/theme", theme)
        self.theme_actions[theme].setChecked(True)

    def set_language(self, code: str) -> None:
        i18n.install_language(code)
        self.settings.set("ui/language", code)
        self.language_actions.get(code, self.language_actions["system"]).setChecked(True)
