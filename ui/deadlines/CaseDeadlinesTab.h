#pragma once

#include "ui/cases/StaffNames.h"

#include "deadlines/DeadlineService.h"

#include <QDate>
#include <QWidget>

#include <vector>

class QFrame;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;

namespace claimdesk::ui {

class DeadlineListModel;
class EventListModel;
class LimitationPanel;
class Prompter;
class VaultSession;

// The case file's Deadlines tab: the Limitation panel (case-level safe date and sign-off, then per incident),
// the procedural Events recorded on the case (record one, remove one), and the case's Deadlines (derived by the
// engine, court-ordered ones added by hand; mark done). After every change it says, calmly, which deadlines moved.
// It asks core (DeadlineService) for everything, on every action, and never holds the service across a lock.
class CaseDeadlinesTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseDeadlinesTab)
public:
    CaseDeadlinesTab(VaultSession& session, Prompter& prompter, qint64 caseId, const QString& reference,
                     const StaffNames& staff = {}, QWidget* parent = nullptr);
    ~CaseDeadlinesTab() override;

    // "Today" for days left and colours: the UI's date (DateInput::today()) unless a test or the shots tool fixes it.
    void setToday(const QDate& today);
    void reload();
    // After the case itself was saved (a corrected date of birth, an edited incident): recompute and say what moved.
    void caseSaved();
    void wipe();  // on lock

    // For tests and the shots tool.
    LimitationPanel* limitationPanel() const { return m_limitation; }
    EventListModel* eventsModel() const { return m_events; }
    DeadlineListModel* deadlinesModel() const { return m_deadlines; }
    QTableView* deadlinesView() const { return m_deadlinesView; }
    QLabel* changesLabel() const { return m_changes; }

signals:
    void statusMessage(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void recordEvent();
    void removeEvent();
    void markDone();
    void addManualDeadline();
    void verify();
    void overrideLimitation();
    void showChanges(const QString& what, const std::vector<core::deadlines::DeadlineChange>& changes);
    void updateButtons();
    QString nameOf(const QString& username) const { return m_staff.nameOf(username); }

    VaultSession& m_session;
    Prompter& m_prompter;
    qint64 m_caseId;
    QString m_reference;
    StaffNames m_staff;
    QDate m_today;
    bool m_loaded = false;
    core::deadlines::LimitationStatus m_status;

    QFrame* m_changesFrame;
    QLabel* m_changes;
    LimitationPanel* m_limitation;
    EventListModel* m_events;
    QTableView* m_eventsView;
    QPushButton* m_recordEvent;
    QPushButton* m_removeEvent;
    DeadlineListModel* m_deadlines;
    QSortFilterProxyModel* m_deadlinesProxy;
    QTableView* m_deadlinesView;
    QPushButton* m_markDone;
    QPushButton* m_addManual;
};

}  // namespace claimdesk::ui
