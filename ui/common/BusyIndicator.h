#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace claimdesk::ui {

// "Unlocking…" with an indeterminate bar, shown while core works off the UI thread. Hidden when idle but
// keeps its height, so dialogs do not jump when it appears.
class BusyIndicator final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BusyIndicator)
public:
    explicit BusyIndicator(QWidget* parent = nullptr);

    void start(const QString& text);
    void stop();
    bool isBusy() const { return m_busy; }
    QString text() const;

private:
    QLabel* m_label;
    QProgressBar* m_bar;
    bool m_busy = false;
};

}  // namespace claimdesk::ui
