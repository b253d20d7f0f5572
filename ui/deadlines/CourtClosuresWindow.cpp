#include "ui/deadlines/CourtClosuresWindow.h"

#include "ui/cases/CaseSection.h"
#include "ui/cases/CaseText.h"
#include "ui/cases/DateInput.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/deadlines/DeadlineText.h"
#include "ui/session/VaultSession.h"

#include "deadlines/DeadlineService.h"
#include "users/User.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace dl = core::deadlines;

CourtClosuresWindow::CourtClosuresWindow(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QDialog(parent), m_session(session), m_prompter(prompter)
{
    setObjectName(QStringLiteral("CourtClosuresWindow"));
    setWindowTitle(tr("Court closure days — ClaimDesk"));
    setSizeGripEnabled(true);

    auto* heading = new QLabel(tr("Court closure days"), this);
    makeHeading(heading);
    auto* intro = new QLabel(tr("Days a court office is closed besides the bank holidays (for example a closure "
                                "notice). No deadline is diarised on them: every case's deadlines are worked out "
                                "again with them."),
                             this);
    intro->setWordWrap(true);
    makeSecondary(intro);

    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("closuresTable"));
    m_table->setHorizontalHeaderLabels({tr("Date"), tr("Why closed")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->verticalHeader()->hide();
    m_table->setColumnWidth(0, 160);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);

    m_dateEdit = form::line(this, QStringLiteral("closureDateEdit"), 40);
    m_dateEdit->setPlaceholderText(tr("e.g. 24 Dec 2026"));
    QLabel* dateHint = form::hint(this);
    m_date = new DateInput(m_dateEdit, dateHint, {false, false, false}, this);
    m_name = form::line(this, QStringLiteral("closureNameEdit"), 120);
    m_name->setPlaceholderText(tr("Why, e.g. County Court closure notice of 2 Dec"));
    m_add = new QPushButton(tr("&Add closure day"), this);
    m_add->setObjectName(QStringLiteral("addClosureButton"));
    m_remove = new QPushButton(tr("&Remove selected…"), this);
    m_remove->setObjectName(QStringLiteral("removeClosureButton"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    makeProblem(m_message);
    m_message->setVisible(false);

    const core::Role role = session.currentUser().role;
    const bool mayChange = role == core::Role::Admin || role == core::Role::Supervisor;
    const QString why = tr("Only an admin or a supervisor can change the court calendar.");
    for (QWidget* w : {static_cast<QWidget*>(m_dateEdit), static_cast<QWidget*>(m_name),
                       static_cast<QWidget*>(m_add), static_cast<QWidget*>(m_remove)}) {
        w->setEnabled(mayChange);
        if (!mayChange) {
            w->setToolTip(why);
        }
    }

    auto* addRow = new QHBoxLayout;
    addRow->addWidget(new QLabel(tr("&Date:"), this));
    addRow->addWidget(form::withHint(m_dateEdit, dateHint));
    addRow->addWidget(new QLabel(tr("&Why:"), this));
    addRow->addWidget(m_name, 1);
    addRow->addWidget(m_add);
    // Mnemonics for the two labels.
    if (auto* l = qobject_cast<QLabel*>(addRow->itemAt(0)->widget())) {
        l->setBuddy(m_dateEdit);
    }
    if (auto* l = qobject_cast<QLabel*>(addRow->itemAt(2)->widget())) {
        l->setBuddy(m_name);
    }

    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_remove);
    bottom->addStretch(1);
    bottom->addWidget(close);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(8);
    layout->addWidget(heading);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(addRow);
    layout->addWidget(m_message);
    layout->addLayout(bottom);
    resize(720, 480);

    connect(m_add, &QPushButton::clicked, this, &CourtClosuresWindow::addClosure);
    connect(m_name, &QLineEdit::returnPressed, this, &CourtClosuresWindow::addClosure);
    connect(m_remove, &QPushButton::clicked, this, &CourtClosuresWindow::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this, mayChange] { m_remove->setEnabled(mayChange && !m_table->selectedItems().isEmpty()); });
    connect(&m_session, &VaultSession::locked, this, [this] { m_table->setRowCount(0); });
    reload();
    m_remove->setEnabled(false);
}

CourtClosuresWindow::~CourtClosuresWindow() = default;

void CourtClosuresWindow::reload()
{
    dl::DeadlineService* service = availableDeadlines(m_session);
    if (service == nullptr) {
        return;
    }
    auto closures = service->courtClosures();
    if (!closures) {
        m_prompter.reportError(this, tr("The court closure days could not be read"), closures.error());
        return;
    }
    m_table->setRowCount(0);
    for (const core::deadlines::Holiday& h : *closures) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        auto* date = new QTableWidgetItem(ukDate(h.date));
        date->setData(Qt::UserRole, h.date);
        m_table->setItem(row, 0, date);
        m_table->setItem(row, 1, new QTableWidgetItem(h.name));
    }
    if (closures->isEmpty()) {
        m_table->insertRow(0);
        auto* none = new QTableWidgetItem(tr("No closure days added: only the bank holidays apply."));
        none->setFlags(Qt::NoItemFlags);
        m_table->setItem(0, 0, none);
        m_table->setSpan(0, 0, 1, 2);
    }
}

void CourtClosuresWindow::addClosure()
{
    dl::DeadlineService* service = availableDeadlines(m_session);
    if (service == nullptr) {
        return;
    }
    QString problem;
    if (!m_date->isAcceptable() || !m_date->date().isValid()) {
        problem = m_date->problem().isEmpty() ? tr("Give the date the court office is closed.") : m_date->problem();
    } else if (m_name->text().trimmed().isEmpty()) {
        problem = tr("Say why the court is closed (the notice), so others can check it.");
    } else if (auto added = service->addCourtClosure(m_date->date(), m_name->text().trimmed()); !added) {
        problem = added.error().message;
    }
    m_message->setText(problem);
    m_message->setVisible(!problem.isEmpty());
    if (!problem.isEmpty()) {
        return;  // what was typed stays
    }
    m_dateEdit->clear();
    m_name->clear();
    reload();
}

void CourtClosuresWindow::removeSelected()
{
    dl::DeadlineService* service = availableDeadlines(m_session);
    const QList<QTableWidgetItem*> selected = m_table->selectedItems();
    if (service == nullptr || selected.isEmpty()) {
        return;
    }
    const QDate day = m_table->item(selected.front()->row(), 0)->data(Qt::UserRole).toDate();
    if (!day.isValid()) {
        return;
    }
    if (!m_prompter.confirm(this, tr("Remove court closure day"),
                            tr("Remove %1 as a court closure day? Deadlines that were moved past it are worked out "
                               "again and may come earlier.")
                                .arg(ukDate(day)),
                            tr("&Remove"))) {
        return;
    }
    if (auto removed = service->removeCourtClosure(day); !removed) {
        m_prompter.reportError(this, tr("The closure day was not removed"), removed.error());
        return;
    }
    reload();
}

}  // namespace claimdesk::ui
