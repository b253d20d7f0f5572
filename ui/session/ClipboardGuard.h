#pragma once

#include <QClipboard>
#include <QObject>
#include <QString>
#include <QTimer>

#include <array>
#include <chrono>
#include <functional>

class QMimeData;

namespace claimdesk::ui {

// Keeps what people copy out of ClaimDesk from lingering on the clipboard (the KeePassXC pattern). It watches the
// system clipboard (and the X11 selection, which a clipboard manager may record too) instead of every copy action,
// so a copy from any line edit, text view, selectable label or table in any window is covered:
//  - when this process has just put text there, the same data is put back with the KDE clipboard-manager hint
//    `x-kde-passwordManagerHint: secret` (Klipper then neither records nor shows it), and a timer starts;
//  - when the timer runs out (30 seconds by default), or on clearNow() (every lock, and quit), the clipboard is
//    cleared only if it still holds the text we copied: compared by content, so text another program put there
//    meanwhile is left alone, while our text re-offered by a clipboard manager is still cleared.
class ClipboardGuard final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClipboardGuard)
public:
    static constexpr std::chrono::milliseconds kDefaultTimeout {std::chrono::seconds(30)};
    static QString secretHintFormat();  // "x-kde-passwordManagerHint"

    // Tells whether the data on the clipboard was put there by this process.
    using OwnershipProbe = std::function<bool(QClipboard::Mode, const QMimeData&)>;

    explicit ClipboardGuard(std::chrono::milliseconds timeout = kDefaultTimeout, QObject* parent = nullptr);
    ~ClipboardGuard() override;

    void setTimeout(std::chrono::milliseconds timeout);  // for copies from now on
    std::chrono::milliseconds timeout() const { return m_timeout; }
    // Clears now whatever still holds text we copied, and stops the timers. Every lock and quit calls it.
    void clearNow();
    bool isWaiting() const;  // a copy of ours waits to be cleared

    // The default probe. Where the platform can tell (X11, Wayland, Windows, macOS), it asks whether this process
    // owns the clipboard. The in-process clipboard of the offscreen and minimal platforms always answers no; there
    // another program's data could only arrive wrapped in one of Qt's platform classes (all derived from
    // QInternalMimeData), so a plain QMimeData, or a widget's own subclass, is ours.
    static bool isFromThisProcess(QClipboard::Mode mode, const QMimeData& data);
    // Tests simulate another program with a probe of their own.
    void setOwnershipProbe(OwnershipProbe probe);

private:
    struct Watch {
        QString text;  // what we copied; empty when nothing waits
        QTimer timer;
    };
    Watch* watchFor(QClipboard::Mode mode);
    void clipboardChanged(QClipboard::Mode mode);
    void expire(QClipboard::Mode mode);

    std::chrono::milliseconds m_timeout;
    OwnershipProbe m_isOurs;
    std::array<Watch, 2> m_watches;  // QClipboard::Clipboard, QClipboard::Selection
    bool m_marking = false;          // while we put the marked copy back ourselves
};

}  // namespace claimdesk::ui
