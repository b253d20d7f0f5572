#include "ui/session/ScreenHider.h"

#include <QApplication>
#include <QEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QShortcutEvent>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWidget>

#include <algorithm>
#include <utility>

namespace claimdesk::ui {

namespace {

const QString kPlainTitle = QStringLiteral("ClaimDesk");

// Everything a person can do to a widget. While hidden none of it reaches one (shortcuts are decided separately).
bool isInput(QEvent::Type type)
{
    switch (type) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::ShortcutOverride:
    case QEvent::InputMethod:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::NonClientAreaMouseButtonPress:
    case QEvent::NonClientAreaMouseButtonRelease:
    case QEvent::NonClientAreaMouseButtonDblClick:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::TabletPress:
    case QEvent::TabletMove:
    case QEvent::TabletRelease:
    case QEvent::ContextMenu:
    case QEvent::ToolTip:
    case QEvent::WhatsThis:
    case QEvent::QueryWhatsThis:
    case QEvent::DragEnter:
    case QEvent::DragMove:
    case QEvent::Drop:
    case QEvent::NativeGesture:
    case QEvent::Gesture: return true;
    default: return false;
    }
}

QKeySequence pressedSequence(const QKeyEvent& event)
{
    const Qt::KeyboardModifiers modifiers = event.modifiers() & ~(Qt::KeypadModifier | Qt::GroupSwitchModifier);
    return QKeySequence(QKeyCombination(modifiers, static_cast<Qt::Key>(event.key())));
}

// A neutral panel over a window's whole contents (menu bar and status bar included), saying only how to get back.
QWidget* makeCover(QWidget* window, const QString& text)
{
    auto* cover = new QWidget(window);
    cover->setObjectName(QStringLiteral("screenCover"));
    cover->setAttribute(Qt::WA_NoMousePropagation);
    cover->setAutoFillBackground(true);
    QPalette palette = cover->palette();
    palette.setColor(QPalette::Window, QColor(0x3b, 0x3f, 0x45));
    palette.setColor(QPalette::WindowText, QColor(0xe8, 0xea, 0xed));
    cover->setPalette(palette);
    auto* label = new QLabel(text, cover);
    label->setObjectName(QStringLiteral("screenCoverLabel"));
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    label->setFont(font);
    auto* layout = new QVBoxLayout(cover);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(label);
    cover->setGeometry(window->rect());
    cover->raise();
    cover->show();
    return cover;
}

}  // namespace

QKeySequence ScreenHider::defaultKey()
{
    return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H);
}

ScreenHider::ScreenHider(QObject* parent) : QObject(parent), m_key(defaultKey())
{
}

ScreenHider::~ScreenHider()
{
    revealScreen();
}

QString ScreenHider::coverText(const QKeySequence& key)
{
    return tr("ClaimDesk — screen hidden. Press %1 or unlock to show it.")
        .arg(key.toString(QKeySequence::NativeText));
}

void ScreenHider::setAllowedKeys(const QList<QKeySequence>& keys)
{
    m_allowed = keys;
}

bool ScreenHider::isHideKey(const QKeyEvent& event) const
{
    return pressedSequence(event) == m_key;
}

bool ScreenHider::matchesAny(const QKeySequence& pressed) const
{
    return pressed == m_key || m_allowed.contains(pressed);
}

void ScreenHider::toggle()
{
    if (m_hidden) {
        revealScreen();
    } else {
        hideScreen();
    }
}

void ScreenHider::hideScreen()
{
    if (m_hidden || qobject_cast<QApplication*>(QCoreApplication::instance()) == nullptr) {
        return;
    }
    m_hidden = true;
    // Menus and combo box lists first: they are windows of their own, and may show names.
    for (int guard = 0; guard < 16 && QApplication::activePopupWidget() != nullptr; ++guard) {
        QApplication::activePopupWidget()->close();
    }
    QToolTip::hideText();
    qApp->installEventFilter(this);  // installed last, so it sees every event before the inactivity locker
    for (QWidget* window : QApplication::topLevelWidgets()) {
        if (window->isVisible()) {
            coverWindow(window);
        }
    }
    emit hiddenChanged(true);
}

void ScreenHider::revealScreen()
{
    if (!m_hidden) {
        return;
    }
    m_hidden = false;
    if (QCoreApplication::instance() != nullptr) {
        QCoreApplication::instance()->removeEventFilter(this);
    }
    const std::vector<Covered> covered = std::exchange(m_covered, {});
    for (const Covered& c : covered) {
        if (c.cover) {
            c.cover->hide();
            c.cover->deleteLater();
        }
        if (c.window) {
            setTitle(c.window, c.title);
        }
    }
    emit hiddenChanged(false);
}

void ScreenHider::coverWindow(QWidget* window)
{
    if (window == nullptr || !window->isWindow() || coveredEntry(window) != nullptr) {
        return;
    }
    if (window->windowType() == Qt::ToolTip) {
        window->hide();
        return;
    }
    Covered entry {window, makeCover(window, coverText(m_key)), window->windowTitle()};
    m_covered.push_back(std::move(entry));
    setTitle(window, kPlainTitle);
}

ScreenHider::Covered* ScreenHider::coveredEntry(const QObject* window)
{
    const auto found = std::find_if(m_covered.begin(), m_covered.end(),
                                    [window](const Covered& c) { return c.window && c.window.data() == window; });
    return found == m_covered.end() ? nullptr : &*found;
}

void ScreenHider::setTitle(QWidget* window, const QString& title)
{
    m_retitling = true;
    window->setWindowTitle(title);
    m_retitling = false;
}

bool ScreenHider::eventFilter(QObject* watched, QEvent* event)
{
    if (!m_hidden) {
        return QObject::eventFilter(watched, event);
    }
    const QEvent::Type type = event->type();
    if (type == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (isHideKey(*key)) {
            // Reached a widget (a modal dialog blocks the menu's shortcut): reveal here, once.
            event->accept();
            revealScreen();
            return true;
        }
        if (m_allowed.contains(pressedSequence(*key))) {
            return false;  // the lock key: AppController's own filter acts on it
        }
        return true;
    }
    if (type == QEvent::Shortcut) {
        // Menu shortcuts and mnemonics: only the hide key and the allowed keys.
        return !matchesAny(static_cast<QShortcutEvent*>(event)->key());
    }
    if (isInput(type)) {
        return true;
    }
    if (!watched->isWidgetType()) {
        return QObject::eventFilter(watched, event);
    }
    auto* widget = static_cast<QWidget*>(watched);
    switch (type) {
    case QEvent::Show:
        // A window that appears while hidden (a dialog opened by a background task): covered before it is drawn.
        if (widget->isWindow()) {
            coverWindow(widget);
        }
        break;
    case QEvent::Resize:
        if (Covered* c = coveredEntry(widget); c != nullptr && c->cover) {
            c->cover->setGeometry(widget->rect());
        }
        break;
    case QEvent::ChildAdded:
        // A new child is stacked on top of its siblings: keep the cover above it.
        if (Covered* c = coveredEntry(widget); c != nullptr && c->cover) {
            c->cover->raise();
        }
        break;
    case QEvent::WindowTitleChange:
        // The window retitled itself (a case opened in a background tab): keep that for later, show "ClaimDesk".
        if (Covered* c = coveredEntry(widget); c != nullptr && !m_retitling && widget->windowTitle() != kPlainTitle) {
            c->title = widget->windowTitle();
            setTitle(widget, kPlainTitle);
        }
        break;
    default: break;
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace claimdesk::ui
