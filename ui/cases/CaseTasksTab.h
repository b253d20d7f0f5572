#pragma once

#include "ui/cases/StaffNames.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace claimdesk::ui {

class DateInput;
class Prompter;
class TaskListModel;
class VaultSession;

// Tasks: what needs doing on the case (urgent first, in red), with a done checkbox, and a row to add one.
class CaseTasksTab final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseTasksTab)
public:
    CaseTasksTab(VaultSession& session, Prompter& prompter, qint64 caseId, const StaffNames& staff,
                 QWidget* parent = nullptr);
    ~CaseTasksTab() override;

    void reload();
    void wipe();  // on lock
    TaskListModel* model() const { return m_model; }

private:
    void setDone(qint64 taskId, bool done);
    void addTask();

    VaultSession& m_session;
    Prompter& m_prompter;
    qint64 m_caseId;
    TaskListModel* m_model;
    QTableView* m_view;
    QLineEdit* m_title;
    QLineEdit* m_dueEdit;
    DateInput* m_due;
    QLineEdit* m_assignee;
    QCheckBox* m_urgent;
    QPushButton* m_add;
};

}  // namespace claimdesk::ui
