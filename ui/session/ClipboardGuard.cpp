#include "ui/session/ClipboardGuard.h"

#include <QGuiApplication>
#include <QMimeData>

#include <algorithm>
#include <memory>
#include <utility>

namespace claimdesk::ui {

namespace {
const QByteArray kSecret = QByteArrayLiteral("secret");

QClipboard* systemClipboard()
{
    return qobject_cast<QGuiApplication*>(QCoreApplication::instance()) != nullptr ? QGuiApplication::clipboard()
                                                                                   : nullptr;
}

bool isMarkedSecret(const QMimeData& data)
{
    return data.data(ClipboardGuard::secretHintFormat()) == kSecret;
}
}  // namespace

QString ClipboardGuard::secretHintFormat()
{
    return QStringLiteral("x-kde-passwordManagerHint");
}

ClipboardGuard::ClipboardGuard(std::chrono::milliseconds timeout, QObject* parent)
    : QObject(parent),
      m_timeout(timeout),
      m_isOurs(&ClipboardGuard::isFromThisProcess)
{
    for (QClipboard::Mode mode : {QClipboard::Clipboard, QClipboard::Selection}) {
        Watch* watch = watchFor(mode);
        watch->timer.setSingleShot(true);
        connect(&watch->timer, &QTimer::timeout, this, [this, mode] { expire(mode); });
    }
    if (QClipboard* clipboard = systemClipboard()) {
        connect(clipboard, &QClipboard::changed, this, &ClipboardGuard::clipboardChanged);
    }
}

ClipboardGuard::~ClipboardGuard() = default;

void ClipboardGuard::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

void ClipboardGuard::setOwnershipProbe(OwnershipProbe probe)
{
    m_isOurs = probe ? std::move(probe) : OwnershipProbe(&ClipboardGuard::isFromThisProcess);
}

bool ClipboardGuard::isWaiting() const
{
    return std::any_of(m_watches.begin(), m_watches.end(), [](const Watch& w) { return !w.text.isEmpty(); });
}

bool ClipboardGuard::isFromThisProcess(QClipboard::Mode mode, const QMimeData& data)
{
    QClipboard* clipboard = systemClipboard();
    if (clipboard == nullptr) {
        return false;
    }
    const bool owns = mode == QClipboard::Selection ? clipboard->ownsSelection() : clipboard->ownsClipboard();
    return owns || !data.inherits("QInternalMimeData");
}

ClipboardGuard::Watch* ClipboardGuard::watchFor(QClipboard::Mode mode)
{
    switch (mode) {
    case QClipboard::Clipboard: return &m_watches[0];
    case QClipboard::Selection: return &m_watches[1];
    case QClipboard::FindBuffer: return nullptr;  // macOS's find pasteboard: not a way for data to leave
    }
    return nullptr;
}

void ClipboardGuard::clipboardChanged(QClipboard::Mode mode)
{
    Watch* watch = watchFor(mode);
    QClipboard* clipboard = systemClipboard();
    if (m_marking || watch == nullptr || clipboard == nullptr) {
        return;
    }
    const QMimeData* data = clipboard->mimeData(mode);
    // Another program's data, or our own clear(): nothing to do. A copy of ours that waits keeps its timer, which
    // compares contents when it runs out.
    if (data == nullptr || !data->hasText() || data->text().isEmpty() || !m_isOurs(mode, *data)) {
        return;
    }
    const QString text = data->text();
    if (!isMarkedSecret(*data)) {
        // Put the same data back, marked secret, before a clipboard manager asks for it: this runs inside the
        // copy itself (QClipboard::setMimeData emits the change at once), so no event is processed in between.
        auto marked = std::make_unique<QMimeData>();
        for (const QString& format : data->formats()) {
            marked->setData(format, data->data(format));
        }
        marked->setData(secretHintFormat(), kSecret);
        m_marking = true;
        clipboard->setMimeData(marked.release(), mode);  // the clipboard owns it now
        m_marking = false;
    }
    watch->text = text;
    watch->timer.start(m_timeout);
}

void ClipboardGuard::expire(QClipboard::Mode mode)
{
    Watch* watch = watchFor(mode);
    if (watch == nullptr || watch->text.isEmpty()) {
        return;
    }
    watch->timer.stop();
    const QString copied = std::exchange(watch->text, QString());
    QClipboard* clipboard = systemClipboard();
    if (clipboard != nullptr && clipboard->text(mode) == copied) {
        clipboard->clear(mode);
    }
}

void ClipboardGuard::clearNow()
{
    for (QClipboard::Mode mode : {QClipboard::Clipboard, QClipboard::Selection}) {
        expire(mode);
    }
}

}  // namespace claimdesk::ui
