#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace claimdesk::ui {

// Notices when nobody has used the application for a while (the KeePassXC pattern): an event filter on
// qApp restarts a single-shot timer on every key press, click, wheel turn, touch or mouse move, in any
// window. When the timer runs out it emits inactive() once and stops; start() arms it again.
class InactivityLocker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InactivityLocker)
public:
    explicit InactivityLocker(QObject* parent = nullptr);
    ~InactivityLocker() override;

    void setTimeout(std::chrono::milliseconds timeout);  // takes effect at once when running
    std::chrono::milliseconds timeout() const;
    void start();
    void stop();
    bool isRunning() const { return m_running; }

signals:
    void inactive();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void expire();

    QTimer m_timer;
    bool m_running = false;
};

}  // namespace claimdesk::ui
