#include "ui/cases/CaseTasksTab.h"

#include "ui/cases/CaseAccess.h"
#include "ui/cases/CaseSection.h"
#include "ui/cases/DateInput.h"
#include "ui/cases/TaskListModel.h"
#include "ui/common/Prompter.h"
#include "ui/session/VaultSession.h"

#include "cases/CaseService.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace claimdesk::ui {

CaseTasksTab::CaseTasksTab(VaultSession& session, Prompter& prompter, qint64 caseId, const StaffNames& staff,
                           QWidget* parent)
    : QWidget(parent),
      m_session(session),
      m_prompter(prompter),
      m_caseId(caseId),
      m_model(new TaskListModel(this)),
      m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("tasksTab"));
    m_view->setObjectName(QStringLiteral("tasksTableView"));
    m_model->setStaffNames(staff);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    QHeaderView* header = m_view->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(TaskListModel::Title, QHeaderView::Stretch);
    m_view->setColumnWidth(TaskListModel::Done, 60);
    m_view->setColumnWidth(TaskListModel::Due, 200);
    m_view->setColumnWidth(TaskListModel::Assignee, 140);
    connect(m_model, &TaskListModel::doneToggled, this, &CaseTasksTab::setDone);

    auto* box = new QGroupBox(tr("Add a task"), this);
    m_title = form::line(box, QStringLiteral("newTaskTitleEdit"));
    m_title->setPlaceholderText(tr("What needs doing"));
    m_dueEdit = form::line(box, QStringLiteral("newTaskDueEdit"), 40);
    m_dueEdit->setMaximumWidth(180);
    QLabel* dueHint = form::hint(box);
    m_due = new DateInput(m_dueEdit, dueHint, {false, false, false}, this);
    m_dueEdit->setPlaceholderText(tr("Due, e.g. 4/12/2026"));
    m_assignee = form::line(box, QStringLiteral("newTaskAssigneeEdit"), 64);
    m_assignee->setPlaceholderText(tr("Username (empty: you)"));
    m_assignee->setMaximumWidth(180);
    m_urgent = new QCheckBox(tr("&Urgent"), box);
    m_urgent->setObjectName(QStringLiteral("newTaskUrgentCheckBox"));
    m_add = new QPushButton(tr("Add &task"), box);
    m_add->setObjectName(QStringLiteral("addTaskButton"));
    connect(m_add, &QPushButton::clicked, this, &CaseTasksTab::addTask);
    connect(m_title, &QLineEdit::returnPressed, this, &CaseTasksTab::addTask);
    auto* row = new QHBoxLayout;
    row->addWidget(m_title, 1);
    row->addWidget(m_dueEdit);
    row->addWidget(m_assignee);
    row->addWidget(m_urgent);
    row->addWidget(m_add);
    auto* boxLayout = new QVBoxLayout(box);
    boxLayout->addLayout(row);
    boxLayout->addWidget(dueHint);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(m_view, 1);
    layout->addWidget(box);
}

CaseTasksTab::~CaseTasksTab() = default;

void CaseTasksTab::reload()
{
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    auto tasks = cases->tasks(m_caseId);
    if (!tasks) {
        m_prompter.reportError(this, tr("The tasks could not be loaded"), tasks.error());
        return;
    }
    m_model->setTasks(std::move(*tasks));
}

void CaseTasksTab::wipe()
{
    m_model->clear();
    m_title->clear();
    m_due->setText(QString());
    m_assignee->clear();
}

void CaseTasksTab::setDone(qint64 taskId, bool done)
{
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    if (auto changed = cases->setTaskDone(taskId, done); !changed) {
        m_prompter.reportError(this, tr("The task was not changed"), changed.error());
        return;
    }
    reload();
}

void CaseTasksTab::addTask()
{
    if (m_title->text().trimmed().isEmpty()) {
        m_title->setFocus();
        return;
    }
    if (!m_due->isAcceptable()) {
        m_dueEdit->setFocus();
        return;
    }
    core::CaseService* cases = availableCases(m_session);
    if (cases == nullptr) {
        return;
    }
    core::Task task;
    task.title = m_title->text().trimmed();
    task.due = m_due->date();
    task.assignee = m_assignee->text().trimmed();
    task.urgent = m_urgent->isChecked();
    if (auto added = cases->addTask(m_caseId, task); !added) {
        m_prompter.reportError(this, tr("The task was not added"), added.error());  // what was typed stays
        return;
    }
    m_title->clear();
    m_due->setText(QString());
    m_urgent->setChecked(false);
    reload();
}

}  // namespace claimdesk::ui
