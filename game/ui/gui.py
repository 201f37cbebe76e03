"""The widgets of the menus and dialogs: buttons, option rows, lists and modal dialogs.

This is our small facade over the drawing, in plain pygame rather than pygame_gui. Why:

- pygame_gui finds what the mouse is over from ``pygame.mouse.get_pos()`` inside its
  ``update``, so the synthetic events our headless tests post never reach its buttons; ours
  take every position from the events, so a test clicks a button exactly as a player does.
- The map screen is already drawn with our own text cache and floating boxes
  (``widgets.draw_box``); menus built from the same pieces look like one game, with one font
  stack and one theme (``palette``) instead of a second theme file to keep in step.
- UI scale is applied once for the whole window (``shell``), which pygame_gui's per-theme
  font sizes would not follow.

Only the handful of widgets the menus need live here. Each is view state: it reports what
the player chose (an action string or an index) and the screen decides what that means.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import pygame

from game.ui import palette
from game.ui.palette import Color
from game.ui.session import HOTSEAT
from game.ui.text import Text
from game.ui.widgets import PAD, TITLE_H, draw_box

DOUBLE_CLICK_S = 0.4
ROW_H = 30
BUTTON_H = 40


class Screen(Protocol):
    """A whole-window screen: the shell hands it events, lets it update and draws it."""

    def handle(self, event: pygame.event.Event) -> None: ...

    def update(self, dt_ms: float) -> bool: ...

    def draw(self, surf: pygame.Surface) -> None: ...


def event_pos(event: pygame.event.Event) -> tuple[int, int]:
    return int(event.pos[0]), int(event.pos[1])


def is_click(event: pygame.event.Event) -> bool:
    return event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1


# ---------------------------------------------------------------- buttons


@dataclass
class Button:
    label: str
    action: str
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    enabled: bool = True
    primary: bool = False
    size: int = 20

    def hit(self, pos: tuple[int, int]) -> bool:
        return self.enabled and self.rect.collidepoint(pos)

    def draw(self, surf: pygame.Surface, text: Text, mouse: tuple[int, int]) -> None:
        base = (72, 118, 86) if self.primary else palette.BUTTON
        if not self.enabled:
            fill = palette.BUTTON_OFF
        elif self.rect.collidepoint(mouse):
            fill = palette.shade(base, 1.3)
        else:
            fill = base
        pygame.draw.rect(surf, fill, self.rect, border_radius=6)
        pygame.draw.rect(surf, palette.PANEL_EDGE, self.rect, 1, border_radius=6)
        ink = palette.TEXT if self.enabled else palette.TEXT_DIM
        label = text.render(text.fit(self.label, self.size, self.rect.w - 12, bold=True), self.size, ink, bold=True)
        surf.blit(label, label.get_rect(center=self.rect.center))


def button_at(buttons: Sequence[Button], pos: tuple[int, int]) -> Button | None:
    return next((b for b in buttons if b.hit(pos)), None)


def row_of_buttons(buttons: Sequence[Button], right: int, y: int, width: int = 170, gap: int = 12) -> None:
    """Lay buttons out right-aligned on one row ending at ``right`` (the primary one last, rightmost)."""
    x = right
    for b in reversed(buttons):
        b.rect = pygame.Rect(x - width, y, width, BUTTON_H)
        x -= width + gap


# ---------------------------------------------------------------- option rows


@dataclass
class Choice:
    """A labelled row that cycles through options: click the arrows (or the value), or Left/Right."""

    label: str
    options: list[tuple[Any, str]]
    index: int = 0
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    label_w: int = 220
    enabled: bool = True  # a choice that means nothing now (difficulty in a hotseat game) is greyed and fixed
    why_off: str = ""  # said in place of the value while disabled

    @property
    def value(self) -> Any:
        return self.options[self.index][0]

    @property
    def shown(self) -> str:
        return self.options[self.index][1]

    def set_value(self, value: Any) -> None:
        for i, (v, _) in enumerate(self.options):
            if v == value:
                self.index = i
                return

    def step(self, delta: int) -> None:
        if self.options and self.enabled:
            self.index = (self.index + delta) % len(self.options)

    def _arrows(self) -> tuple[pygame.Rect, pygame.Rect]:
        box = self.value_box()
        left = pygame.Rect(box.x, box.y, 34, box.h)
        right = pygame.Rect(box.right - 34, box.y, 34, box.h)
        return left, right

    def value_box(self) -> pygame.Rect:
        return pygame.Rect(self.rect.x + self.label_w, self.rect.y, self.rect.w - self.label_w, self.rect.h)

    def click(self, pos: tuple[int, int]) -> bool:
        """Left arrow steps back, anything else in the value box steps on; True when it changed."""
        if not self.value_box().collidepoint(pos) or len(self.options) < 2 or not self.enabled:
            return False
        left, _ = self._arrows()
        self.step(-1 if left.collidepoint(pos) else 1)
        return True

    def draw(self, surf: pygame.Surface, text: Text, mouse: tuple[int, int], focused: bool = False) -> None:
        label = text.render(self.label, 19, palette.TEXT if focused else palette.TEXT_DIM, bold=focused)
        surf.blit(label, label.get_rect(midleft=(self.rect.x, self.rect.centery)))
        box = self.value_box()
        fill = palette.shade(palette.PANEL, 1.25) if box.collidepoint(mouse) or focused else palette.shade(
            palette.PANEL, 1.1)
        pygame.draw.rect(surf, fill, box, border_radius=5)
        pygame.draw.rect(surf, palette.SELECTED if focused else palette.PANEL_EDGE, box, 1, border_radius=5)
        for r, glyph in zip(self._arrows(), ("<", ">"), strict=True):
            ink = palette.TEXT if len(self.options) > 1 and self.enabled else palette.BUTTON_OFF
            g = text.render(glyph, 22, ink, bold=True)
            surf.blit(g, g.get_rect(center=r.center))
        shown, ink = (self.shown, palette.TEXT) if self.enabled else (self.why_off or self.shown, palette.TEXT_DIM)
        value = text.render(text.fit(shown, 19, box.w - 80), 19, ink)
        surf.blit(value, value.get_rect(center=box.center))


# ---------------------------------------------------------------- lists


@dataclass
class Row:
    cells: list[str]
    color: Color = palette.TEXT
    data: Any = None


class ListView:
    """Rows with columns, one selected; wheel scrolls, Up/Down move, double-click or Enter opens."""

    def __init__(self, columns: list[tuple[str, float]], rows: list[Row] | None = None) -> None:
        self.columns = columns  # (title, share of the width)
        self.rows: list[Row] = rows or []
        self.selected = 0 if self.rows else -1
        self.scroll = 0
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._last_click: tuple[float, int] = (-1.0, -1)

    def set_rows(self, rows: list[Row]) -> None:
        self.rows = rows
        self.selected = min(max(self.selected, 0), len(rows) - 1) if rows else -1
        self.scroll = 0

    @property
    def current(self) -> Row | None:
        return self.rows[self.selected] if 0 <= self.selected < len(self.rows) else None

    def visible_rows(self) -> int:
        return max(1, (self.rect.h - ROW_H) // ROW_H)

    def move(self, delta: int) -> None:
        if not self.rows:
            return
        self.selected = min(len(self.rows) - 1, max(0, self.selected + delta))
        n = self.visible_rows()
        if self.selected < self.scroll:
            self.scroll = self.selected
        elif self.selected >= self.scroll + n:
            self.scroll = self.selected - n + 1

    def row_rect(self, i: int) -> pygame.Rect:
        return pygame.Rect(self.rect.x, self.rect.y + ROW_H + (i - self.scroll) * ROW_H, self.rect.w, ROW_H)

    def handle(self, event: pygame.event.Event) -> str | None:
        """'select' when the selection changed, 'open' on a double-click or Enter, else None."""
        if event.type == pygame.MOUSEWHEEL:
            n = self.visible_rows()
            self.scroll = min(max(0, len(self.rows) - n), max(0, self.scroll - event.y))
            return None
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_UP, pygame.K_DOWN):
                before = self.selected
                self.move(-1 if event.key == pygame.K_UP else 1)
                return "select" if self.selected != before else None
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.current is not None:
                return "open"
            return None
        if is_click(event) and self.rect.collidepoint(event_pos(event)):
            y = event_pos(event)[1] - self.rect.y - ROW_H
            if y < 0:
                return None
            i = self.scroll + y // ROW_H
            if not 0 <= i < len(self.rows):
                return None
            now = time.perf_counter()
            double = self._last_click[1] == i and now - self._last_click[0] < DOUBLE_CLICK_S
            self._last_click = (now, i)
            self.selected = i
            return "open" if double else "select"
        return None

    def draw(self, surf: pygame.Surface, text: Text, mouse: tuple[int, int], empty: str = "Nothing here") -> None:
        r = self.rect
        pygame.draw.rect(surf, palette.shade(palette.PANEL, 0.8), r)
        pygame.draw.rect(surf, palette.PANEL_EDGE, r, 1)
        head = pygame.Rect(r.x, r.y, r.w, ROW_H)
        pygame.draw.rect(surf, palette.shade(palette.PANEL, 1.2), head)
        xs = self._column_xs()
        for (title, _), (x, w) in zip(self.columns, xs, strict=True):
            g = text.render(text.fit(title.upper(), 15, w - 10, bold=True), 15, palette.TEXT_DIM, bold=True)
            surf.blit(g, g.get_rect(midleft=(x + 8, head.centery)))
        clip = surf.get_clip()
        surf.set_clip(r.inflate(-2, -2))
        if not self.rows:
            g = text.render(empty, 18, palette.TEXT_DIM)
            surf.blit(g, (r.x + PAD, r.y + ROW_H + 8))
        for i in range(self.scroll, min(len(self.rows), self.scroll + self.visible_rows())):
            row = self.rows[i]
            rr = self.row_rect(i)
            if i == self.selected:
                pygame.draw.rect(surf, palette.shade(palette.BUTTON, 1.0), rr)
            elif rr.collidepoint(mouse):
                pygame.draw.rect(surf, palette.shade(palette.PANEL, 1.35), rr)
            for cell, (x, w) in zip(row.cells, xs, strict=False):
                g = text.render(text.fit(cell, 18, w - 12), 18, row.color)
                surf.blit(g, g.get_rect(midleft=(x + 8, rr.centery)))
        surf.set_clip(clip)
        n = self.visible_rows()
        if len(self.rows) > n:  # a scroll bar when not every row fits
            track = pygame.Rect(r.right - 6, r.y + ROW_H, 4, r.h - ROW_H)
            thumb_h = max(16, track.h * n // len(self.rows))
            ty = track.y + (track.h - thumb_h) * self.scroll // max(1, len(self.rows) - n)
            pygame.draw.rect(surf, palette.TEXT_DIM, (track.x, ty, track.w, thumb_h), border_radius=2)

    def _column_xs(self) -> list[tuple[int, int]]:
        total = sum(share for _, share in self.columns) or 1
        out, x = [], self.rect.x
        for _, share in self.columns:
            w = round(self.rect.w * share / total)
            out.append((x, w))
            x += w
        return out


# ---------------------------------------------------------------- text blocks


def draw_paragraphs(surf: pygame.Surface, text: Text, paragraphs: Sequence[tuple[str, int, Color, bool]],
                    rect: pygame.Rect, scroll: int = 0) -> int:
    """Wrapped paragraphs (text, size, colour, bold) top-down inside ``rect``; returns the full height.

    ``scroll`` pixels are skipped at the top, so a long briefing can be scrolled.
    """
    clip = surf.get_clip()
    surf.set_clip(rect)
    y = rect.y - scroll
    for para, size, color, bold in paragraphs:
        if not para:
            y += size // 2
            continue
        for line in text.wrap(para, size, rect.w, bold=bold):
            g = text.render(line, size, color, bold=bold)
            if y + g.get_height() > rect.y and y < rect.bottom:
                surf.blit(g, (rect.x, y))
            y += g.get_height() + 3
        y += 6
    surf.set_clip(clip)
    return y + scroll - rect.y


# ---------------------------------------------------------------- dialogs


WARN_ACCENT: Color = (200, 80, 60)
INFO_ACCENT: Color = (90, 130, 170)


class Dialog:
    """A modal box over everything: a title, lines (problems, one per line), and buttons.

    Enter picks the default (first) button and Esc ``cancel`` (the last button unless given), so
    "OK" or "Cancel" always work from the keyboard. Long lists scroll with the wheel.
    """

    def __init__(self, title: str, lines: Sequence[str], buttons: Sequence[tuple[str, str]] = (("OK", "ok"),),
                 *, warn: bool = True, width: int = 860, cancel: str | None = None) -> None:
        self.title = title
        self.cancel = cancel if cancel is not None else buttons[-1][1]
        self.lines = list(lines)
        self.buttons = [Button(label, action, primary=i == 0) for i, (label, action) in enumerate(buttons)]
        self.accent = WARN_ACCENT if warn else INFO_ACCENT
        self.width = width
        self.scroll = 0
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.mouse = (-1, -1)
        self.chosen: str | None = None
        self._body_h = 0
        self._view_h = 0

    def handle(self, event: pygame.event.Event) -> str | None:
        """The action of the button chosen (and remember it in ``chosen``), else None."""
        action = None
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event_pos(event)
        elif event.type == pygame.MOUSEWHEEL:
            self.scroll = min(max(0, self._body_h - self._view_h), max(0, self.scroll - 30 * event.y))
        elif event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                action = self.buttons[0].action
            elif event.key == pygame.K_ESCAPE:
                action = self.cancel
        elif is_click(event):
            b = button_at(self.buttons, event_pos(event))
            action = b.action if b else None
        if action is not None:
            self.chosen = action
        return action

    def draw(self, surf: pygame.Surface, text: Text) -> None:
        area = surf.get_rect()
        veil = pygame.Surface(area.size, pygame.SRCALPHA)
        veil.fill((0, 0, 0, 140))
        surf.blit(veil, (0, 0))
        width = max(160, min(self.width, area.w - 40))  # a window smaller than the box cuts it, never inverts it
        inner_w = width - 2 * PAD - 8
        wrapped = []  # a long line wraps with a hanging indent, so each problem reads as one item
        for line in self.lines:
            first, *rest = text.wrap(line, 18, inner_w)
            wrapped.append(first)
            if rest:
                wrapped += ["    " + part for part in text.wrap(" ".join(rest), 18, inner_w - 30)]
        line_h = text.size_of("Ag", 18)[1] + 3
        self._body_h = len(wrapped) * line_h
        self._view_h = max(min(self._body_h, line_h), min(self._body_h, area.h - 220))
        height = TITLE_H + 16 + self._view_h + 20 + BUTTON_H + PAD
        self.rect = pygame.Rect(0, 0, width, height)
        self.rect.center = area.center
        inner = draw_box(surf, self.rect, text, self.title, self.accent)
        body = pygame.Rect(inner.x + PAD, inner.y + 12, inner_w, self._view_h)
        clip = surf.get_clip()
        surf.set_clip(body)
        y = body.y - self.scroll
        for part in wrapped:
            if body.y - line_h < y < body.bottom:
                surf.blit(text.render(part, 18, palette.TEXT), (body.x, y))
            y += line_h
        surf.set_clip(clip)
        if self._body_h > self._view_h:
            hint = text.render(f"{len(self.lines)} lines: wheel to scroll", 15, palette.TEXT_DIM)
            surf.blit(hint, (inner.x + PAD, self.rect.bottom - PAD - BUTTON_H // 2 - hint.get_height() // 2))
        bw = min(150, (width - 2 * PAD - 12 * (len(self.buttons) - 1)) // len(self.buttons))
        row_of_buttons(self.buttons, self.rect.right - PAD, self.rect.bottom - PAD - BUTTON_H, width=bw)
        for b in self.buttons:
            b.draw(surf, text, self.mouse)


# ---------------------------------------------------------------- the menu backdrop


def draw_backdrop(surf: pygame.Surface, text: Text, subtitle: str = "") -> pygame.Rect:
    """The dark background of every menu screen with a faint hex pattern and the game's title.

    Returns the area below the title where the screen puts its content.
    """
    w, h = surf.get_size()
    surf.fill(palette.BACKGROUND)
    pattern = _hex_pattern((w, h))
    surf.blit(pattern, (0, 0))
    title = text.render("AUGUST STORM", 64, (236, 226, 200), bold=True)
    surf.blit(title, title.get_rect(midtop=(w // 2, 36)))
    y = 36 + title.get_height()
    sub = text.render(subtitle or "Manchuria, 9 August 1944", 24, palette.TEXT_DIM)
    surf.blit(sub, sub.get_rect(midtop=(w // 2, y + 6)))
    y += sub.get_height() + 22
    pygame.draw.line(surf, palette.PANEL_EDGE, (w // 2 - 260, y), (w // 2 + 260, y))
    return pygame.Rect(0, y + 18, w, h - y - 18)


_PATTERNS: dict[tuple[int, int], pygame.Surface] = {}


def _hex_pattern(size: tuple[int, int]) -> pygame.Surface:
    """Faint pointy-top hex outlines, drawn once per window size (a menu is redrawn every frame)."""
    surf = _PATTERNS.get(size)
    if surf is not None:
        return surf
    from game.ui.hexdraw import corners

    surf = pygame.Surface(size, pygame.SRCALPHA)
    s = 34
    dx, dy = s * 3**0.5, s * 1.5
    rows, cols = int(size[1] / dy) + 2, int(size[0] / dx) + 2
    for r in range(rows):
        for c in range(cols):
            cx = c * dx + (dx / 2 if r % 2 else 0)
            cy = r * dy
            fade = max(0, 26 - int(18 * cy / max(1, size[1])))
            pygame.draw.polygon(surf, (120, 140, 170, fade), corners(cx, cy, s), 1)
    _PATTERNS.clear()
    _PATTERNS[size] = surf
    return surf


# ---------------------------------------------------------------- menu screens


def sync_difficulty(screen: Any) -> None:
    """Difficulty means nothing when no computer plays (a hotseat game): grey it out and say so. A Play-as
    greyed out already (the Load screen's play-by-e-mail game, whose choices are fixed, with no options)
    leaves both as they are."""
    if not screen.mode.enabled:
        return
    screen.difficulty.enabled = screen.mode.value != HOTSEAT
    screen.difficulty.why_off = "no computer player in a hotseat game"
    if not screen.choices[screen.focus].enabled:
        screen.focus = 0


def chooser_key(screen: Any, event: pygame.event.Event, confirm: str) -> bool:
    """Keys of a screen with a list above a strip of choices (new game, load game).

    Up/Down move in ``screen.list`` (calling ``screen._sync_modes`` on a new selection),
    Left/Right step the focused choice, Tab moves the focus, Enter activates ``confirm``.
    """
    k = event.key
    if k in (pygame.K_UP, pygame.K_DOWN):
        if screen.list.handle(event) == "select":
            screen._sync_modes()
        return True
    if k in (pygame.K_LEFT, pygame.K_RIGHT):
        screen.choices[screen.focus].step(-1 if k == pygame.K_LEFT else 1)
        sync_difficulty(screen)
        return True
    if k == pygame.K_TAB:
        n = len(screen.choices)
        screen.focus = next((f for f in ((screen.focus + d) % n for d in range(1, n + 1))
                             if screen.choices[f].enabled), screen.focus)
        return True
    if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
        screen.activate(confirm)
        return True
    return False


def chooser_click(screen: Any, pos: tuple[int, int], confirm: str) -> bool:
    """A click on a list-and-choices screen: select (double-click opens ``confirm``) or step a choice."""
    if screen.list.rect.collidepoint(pos):
        what = screen.list.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        if what is not None:
            screen._sync_modes()
        if what == "open":
            screen.activate(confirm)
        return True
    for i, c in enumerate(screen.choices):
        if c.rect.collidepoint(pos) and c.enabled:
            screen.focus = i
            c.click(pos)
            sync_difficulty(screen)
            return True
    return False


class MenuScreen:
    """What every menu screen shares: the backdrop, the mouse, a row of buttons, keyboard focus.

    A subclass lays out ``self.buttons`` (and its own widgets) in ``layout`` and acts on
    ``activate(action)``; Esc means ``back``.
    """

    subtitle = ""
    back = "back"

    def __init__(self, text: Text) -> None:
        self.text = text
        self.mouse: tuple[int, int] = (-1, -1)
        self.buttons: list[Button] = []
        self.size: tuple[int, int] = (0, 0)
        self.area = pygame.Rect(0, 0, 0, 0)

    def layout(self, area: pygame.Rect) -> None:
        """Place the widgets in ``area`` (below the title); called when the size changes."""

    def activate(self, action: str) -> None:
        """A button (or its key) was chosen."""

    def key(self, event: pygame.event.Event) -> bool:
        """A key for the screen's own widgets; True when taken."""
        return False

    def click(self, pos: tuple[int, int]) -> bool:
        """A click on the screen's own widgets; True when taken."""
        return False

    def wheel(self, event: pygame.event.Event) -> None:
        """The mouse wheel over the screen."""

    def body(self, surf: pygame.Surface) -> None:
        """Draw the screen's own widgets (the backdrop and buttons are drawn around it)."""

    def ensure_layout(self, size: tuple[int, int]) -> None:
        if size != self.size:
            self.size = size
            w, h = size
            title_h = 36 + 64 + 6 + 24 + 22 + 18  # what draw_backdrop takes at the top
            self.area = pygame.Rect(0, title_h, w, h - title_h)
            self.layout(self.area)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event_pos(event)
        elif event.type == pygame.KEYDOWN:
            if self.key(event):
                return
            if event.key == pygame.K_ESCAPE:
                self.activate(self.back)
        elif event.type == pygame.MOUSEWHEEL:
            self.wheel(event)
        elif is_click(event):
            pos = event_pos(event)
            self.mouse = pos
            b = button_at(self.buttons, pos)
            if b is not None:
                self.activate(b.action)
            else:
                self.click(pos)

    def update(self, dt_ms: float) -> bool:
        return False

    def draw(self, surf: pygame.Surface) -> None:
        self.ensure_layout(surf.get_size())
        draw_backdrop(surf, self.text, self.subtitle)
        self.body(surf)
        for b in self.buttons:
            b.draw(surf, self.text, self.mouse)
