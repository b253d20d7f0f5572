#pragma once

#include <QDate>
#include <QDialog>

class QComboBox;
class QFrame;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QVBoxLayout;

namespace claimdesk::ui {

class DiaryModel;
class Prompter;
class StaffNames;
class VaultSession;

// Deadlines → Diary: every open deadline the person may see (mine / team / all firm) over a range (overdue and
// this week, 30 days, 6 months), coloured by urgency. Limitation reminders that wait for acknowledgment are listed
// above the table, each with an Acknowledge button; escalated ones say "Escalated to supervisor". Double-click
// opens the case. "Export calendar (.ics)…" writes the entries shown (case reference and rule title only).
// A non-modal dialog, so a lock closes it with the others.
class DiaryWindow final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiaryWindow)
public:
    DiaryWindow(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~DiaryWindow() override;

    enum class Range { Overdue, ThisWeek, Next30Days, Next6Months };
    void setToday(const QDate& today);  // DateInput::today() unless a test or the shots tool fixes it
    void setRange(Range range);
    void setScopeIndex(int index);  // 0 mine, 1 team, 2 all firm
    void reload();
    void exportCalendar();
    void acknowledge(qint64 deadlineId, const QString& rung);
    void editReminderLadder();  // supervisors and admins: opens ReminderLadderDialog (non-modal)

    DiaryModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QFrame* remindersFrame() const { return m_reminders; }

signals:
    void openCaseRequested(qint64 caseId);
    void remindersChanged();  // a reminder was acknowledged

private:
    void rebuildReminders();
    void clearAll();

    VaultSession& m_session;
    Prompter& m_prompter;
    QDate m_today;
    DiaryModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QComboBox* m_scope;
    QComboBox* m_range;
    QLabel* m_summary;
    QPushButton* m_export;
    QPushButton* m_ladderButton;
    QFrame* m_reminders;
    QVBoxLayout* m_remindersLayout;
    QTableView* m_view;
};

}  // namespace claimdesk::ui
