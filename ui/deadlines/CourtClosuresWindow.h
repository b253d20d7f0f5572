#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace claimdesk::ui {

class DateInput;
class Prompter;
class VaultSession;

// Deadlines › Court closure days… : the days the firm has learnt a court office is closed (closure notices), on top
// of the bank holidays. Admins and supervisors add and remove them (core checks and audits); everyone else sees
// the list with the buttons disabled and the reason in their tooltip. A change makes every case's deadlines
// stale, so they are worked out again before the next list or diary.
class CourtClosuresWindow final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CourtClosuresWindow)
public:
    CourtClosuresWindow(VaultSession& session, Prompter& prompter, QWidget* parent = nullptr);
    ~CourtClosuresWindow() override;

    void reload();
    void addClosure();
    void removeSelected();
    QTableWidget* table() const { return m_table; }

private:
    VaultSession& m_session;
    Prompter& m_prompter;
    QTableWidget* m_table;
    QLineEdit* m_dateEdit;
    DateInput* m_date;
    QLineEdit* m_name;
    QPushButton* m_add;
    QPushButton* m_remove;
    QLabel* m_message;
};

}  // namespace claimdesk::ui
