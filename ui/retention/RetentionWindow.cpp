#include "ui/retention/RetentionWindow.h"

#include "ui/cases/CaseText.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/retention/RetentionModel.h"
#include "ui/session/VaultSession.h"

#include "common/NewFile.h"
#include "retention/RetentionService.h"
#include "users/User.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace {
// The session's retention service when it may be used now (unlocked, no background task on the connection).
core::RetentionService* availableRetention(const VaultSession& session)
{
    return session.isBusy() ? nullptr : session.retention();
}
}  // namespace

RetentionWindow::RetentionWindow(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QDialog(parent), m_session(session), m_prompter(prompter), m_model(new RetentionModel(this))
{
    setObjectName(QStringLiteral("RetentionWindow"));
    setWindowTitle(tr("Retention and erasure — ClaimDesk"));
    setSizeGripEnabled(true);

    auto* heading = new QLabel(tr("Retention and erasure"), this);
    makeHeading(heading);
    QString policy;
    if (core::RetentionService* service = availableRetention(session)) {
        const core::RetentionPolicy p = service->policy();
        policy = tr("Destroy-review date: the later of closure + %1 years and the client's 18th birthday + %2 years.")
                     .arg(p.yearsAfterClosure)
                     .arg(p.yearsAfterEighteenth);
    }
    auto* intro
        = new QLabel(policy + QLatin1Char(' ')
                         + tr("Closed cases due for review, cases for a manual review and every erasure request. "
                              "A legal hold blocks erasure. An erasure needs two supervisors: one asks, another "
                              "approves at least 24 hours later."),
                     this);
    intro->setWordWrap(true);
    makeSecondary(intro);

    m_within = new QSpinBox(this);
    m_within->setObjectName(QStringLiteral("withinSpinBox"));
    m_within->setRange(0, 3650);
    m_within->setValue(90);
    m_within->setSuffix(tr(" days"));
    auto* withinLabel = new QLabel(tr("&Look ahead:"), this);
    withinLabel->setBuddy(m_within);
    auto* refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setObjectName(QStringLiteral("refreshButton"));
    auto* top = new QHBoxLayout;
    top->addWidget(withinLabel);
    top->addWidget(m_within);
    top->addWidget(refresh);
    top->addStretch(1);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("retentionTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setColumnWidth(RetentionModel::Reference, 140);
    m_table->setColumnWidth(RetentionModel::Status, 200);
    m_table->setColumnWidth(RetentionModel::LegalHold, 200);

    // How the selected case's date was worked out, and its request: read-only text that scrolls when long.
    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("detailsText"));
    m_details->setReadOnly(true);
    m_details->setFrameShape(QFrame::NoFrame);
    m_details->setFixedHeight(m_details->fontMetrics().lineSpacing() * 6 + 8);
    m_details->viewport()->setAutoFillBackground(false);
    makeSecondary(m_details);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    makeProblem(m_message);
    m_message->setVisible(false);

    m_hold = new QPushButton(tr("Place legal &hold…"), this);
    m_hold->setObjectName(QStringLiteral("holdButton"));
    m_release = new QPushButton(tr("&Lift hold…"), this);
    m_release->setObjectName(QStringLiteral("releaseButton"));
    m_request = new QPushButton(tr("As&k for erasure…"), this);
    m_request->setObjectName(QStringLiteral("requestButton"));
    m_approve = new QPushButton(tr("&Approve erasure…"), this);
    m_approve->setObjectName(QStringLiteral("approveButton"));
    m_exportRegister = new QPushButton(tr("E&xport erasure register…"), this);
    m_exportRegister->setObjectName(QStringLiteral("exportRegisterButton"));
    m_exportRegister->setToolTip(tr("Every erased case's reference and dates (no client data), to keep with the "
                                    "backups: a backup made before an erasure still holds the case."));
    m_reapplyRegister = new QPushButton(tr("Re-apply erasure &register…"), this);
    m_reapplyRegister->setObjectName(QStringLiteral("reapplyRegisterButton"));
    m_reapplyRegister->setToolTip(tr("After restoring an older backup: erase again the cases the live vault's "
                                     "erasure register lists."));
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* bottom = new QHBoxLayout;
    for (QPushButton* b : {m_hold, m_release, m_request, m_approve}) {
        bottom->addWidget(b);
    }
    bottom->addStretch(1);
    bottom->addWidget(m_exportRegister);
    bottom->addWidget(m_reapplyRegister);
    bottom->addWidget(close);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setSpacing(8);
    layout->addWidget(heading);
    layout->addWidget(intro);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_details);
    layout->addWidget(m_message);
    layout->addLayout(bottom);
    resize(960, 520);

    connect(refresh, &QPushButton::clicked, this, &RetentionWindow::reload);
    connect(m_within, &QSpinBox::editingFinished, this, &RetentionWindow::reload);
    connect(m_hold, &QPushButton::clicked, this, &RetentionWindow::placeHold);
    connect(m_release, &QPushButton::clicked, this, &RetentionWindow::releaseHold);
    connect(m_request, &QPushButton::clicked, this, &RetentionWindow::requestErasure);
    connect(m_approve, &QPushButton::clicked, this, &RetentionWindow::approveErasure);
    connect(m_exportRegister, &QPushButton::clicked, this, &RetentionWindow::exportRegister);
    connect(m_reapplyRegister, &QPushButton::clicked, this, &RetentionWindow::reapplyRegister);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RetentionWindow::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &RetentionWindow::updateButtons);
    connect(&m_session, &VaultSession::locked, this, [this] {
        m_model->clear();
        m_details->clear();
    });
    reload();
}

RetentionWindow::~RetentionWindow() = default;

void RetentionWindow::reload()
{
    if (m_session.currentUser().role != core::Role::Supervisor) {
        showProblem(tr("Retention and erasure are for supervisors."));
        updateButtons();
        return;  // core would refuse (and record the refusal): do not ask
    }
    core::RetentionService* service = availableRetention(m_session);
    if (service == nullptr) {
        return;
    }
    const core::RetentionRow* current = selectedRow();
    const QString keep = current != nullptr ? current->reference : QString();
    auto rows = service->due(m_session.today(), m_within->value());
    if (!rows) {
        m_prompter.reportError(this, tr("The retention list could not be read"), rows.error());
        return;
    }
    m_model->setRows(std::move(*rows), m_session.today());
    if (!keep.isEmpty()) {
        select(keep);
    }
}

void RetentionWindow::select(const QString& reference)
{
    const int row = m_model->rowOf(reference);
    if (row >= 0) {
        m_table->selectRow(row);
    }
    updateButtons();
}

const core::RetentionRow* RetentionWindow::selectedRow() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? nullptr : m_model->rowAt(rows.front().row());
}

void RetentionWindow::showProblem(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void RetentionWindow::updateButtons()
{
    const core::RetentionRow* row = selectedRow();
    const core::User me = m_session.currentUser();
    const QString pick = tr("Choose a case in the list first.");
    const struct {
        QPushButton* button;
        QString refusal;
    } states[] = {
        {m_hold, row == nullptr ? pick : core::placeHoldRefusal(*row, me.role)},
        {m_release, row == nullptr ? pick : core::releaseHoldRefusal(*row, me.role)},
        {m_request, row == nullptr ? pick : core::requestRefusal(*row, me.role)},
        {m_approve, row == nullptr ? pick : core::approvalRefusal(*row, me.username, me.role, m_session.now())},
    };
    for (const auto& s : states) {
        s.button->setEnabled(!m_working && s.refusal.isEmpty());
        s.button->setToolTip(m_working ? tr("An erasure is being finished.") : s.refusal);
    }
    const bool supervisor = me.role == core::Role::Supervisor;
    m_exportRegister->setEnabled(!m_working && supervisor);
    m_reapplyRegister->setEnabled(!m_working && supervisor);
    if (row == nullptr) {
        m_details->clear();
        return;
    }
    QStringList lines = row->decision.explanation;
    if (row->erasureRequested) {
        lines << tr("Erasure asked for by %1 at %2%3; another supervisor may approve it from %4.")
                     .arg(row->requestedBy, ukDateTime(row->requestedAtUtc),
                          row->requestReason.isEmpty() ? QString() : tr(" (\"%1\")").arg(row->requestReason),
                          ukDateTime(row->approvableFromUtc));
    }
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
}

std::optional<QString> RetentionWindow::askReason(const QString& title, const QString& label)
{
    return m_prompter.askText(this, title,
                              label + QLatin1Char(' ')
                                  + tr("Do not name the client: the reason stays in the audit trail after the case is "
                                       "erased."),
                              tr("OK"));
}

void RetentionWindow::placeHold()
{
    const core::RetentionRow* row = selectedRow();
    core::RetentionService* service = availableRetention(m_session);
    if (row == nullptr || service == nullptr) {
        return;
    }
    const QString reference = row->reference;
    const auto reason
        = askReason(tr("Legal hold on %1").arg(reference),
                    tr("Why must %1 be kept (a claim or complaint, an insurer's request…)?").arg(reference));
    if (!reason) {
        return;
    }
    if (auto held = service->placeHold(reference, *reason); !held) {
        m_prompter.reportError(this, tr("The legal hold was not placed"), held.error());
        return;
    }
    showProblem({});
    reload();
    select(reference);
}

void RetentionWindow::releaseHold()
{
    const core::RetentionRow* row = selectedRow();
    core::RetentionService* service = availableRetention(m_session);
    if (row == nullptr || service == nullptr) {
        return;
    }
    const QString reference = row->reference;
    const auto reason
        = askReason(tr("Lift the legal hold on %1").arg(reference), tr("Why may the hold on %1 end?").arg(reference));
    if (!reason) {
        return;
    }
    if (auto released = service->releaseHold(reference, *reason); !released) {
        m_prompter.reportError(this, tr("The legal hold was not lifted"), released.error());
        return;
    }
    showProblem({});
    reload();
    select(reference);
}

void RetentionWindow::requestErasure()
{
    const core::RetentionRow* row = selectedRow();
    core::RetentionService* service = availableRetention(m_session);
    if (row == nullptr || service == nullptr) {
        return;
    }
    const QString reference = row->reference;
    const bool early = !row->decision.reviewOn.isValid() || row->decision.reviewOn > m_session.today();
    const auto reason
        = askReason(tr("Ask for %1 to be erased").arg(reference), tr("Why should %1 be erased?").arg(reference));
    if (!reason) {
        return;
    }
    QString text = tr("Ask for %1 to be erased? Another supervisor must approve it, no earlier than 24 hours from now. "
                      "Nothing is deleted until then.")
                       .arg(reference);
    if (early) {
        text += QLatin1Char(' ')
            + tr("Its destroy-review date has not come (or it needs a manual review): make sure "
                 "no claim, complaint or insurer needs the file.");
    }
    if (!m_prompter.confirm(this, tr("Ask for erasure"), text, tr("Ask for erasure"))) {
        return;
    }
    if (auto asked = service->requestErasure(reference, *reason); !asked) {
        m_prompter.reportError(this, tr("The erasure was not asked for"), asked.error());
        return;
    }
    showProblem({});
    reload();
    select(reference);
}

void RetentionWindow::approveErasure()
{
    const core::RetentionRow* row = selectedRow();
    if (row == nullptr || availableRetention(m_session) == nullptr) {
        return;
    }
    const QString reference = row->reference;
    if (!m_prompter.confirm(this, tr("Erase %1 for good").arg(reference),
                            tr("Erase %1? Every record of the case is deleted and cannot be brought back: the client "
                               "(unless they have another case), incidents, notes, tasks, deadlines, therapy records "
                               "and conflict checks. Only a tombstone remains (the reference, the dates, who asked and "
                               "who approved), so a conflict check can still say the firm acted. Backups made before "
                               "today still hold the case: export the erasure register afterwards and keep it with "
                               "them.")
                                .arg(reference),
                            tr("Erase for good"))) {
        return;
    }
    m_working = true;
    updateButtons();
    m_session.approveErasure(reference, this, [this, reference](const core::Result<core::ErasureReceipt>& receipt) {
        m_working = false;
        if (!receipt) {
            m_prompter.reportError(this, tr("%1 was not erased").arg(reference), receipt.error());
            reload();
            return;
        }
        if (!receipt->compacted) {
            m_prompter.inform(this, tr("%1 was erased").arg(reference), receipt->compactProblem);
        } else {
            m_prompter.inform(this, tr("%1 was erased").arg(reference),
                              tr("%1 was erased (%n record(s) deleted). Its tombstone remains for conflict checks.",
                                 nullptr, receipt->rowsDeleted)
                                  .arg(reference));
        }
        emit caseErased(reference);
        reload();
    });
}

void RetentionWindow::exportRegister()
{
    core::RetentionService* service = availableRetention(m_session);
    if (service == nullptr) {
        return;
    }
    const QString path = m_prompter.chooseFileToSave(
        this, tr("Export the erasure register"),
        QStringLiteral("erasure-register-%1.json").arg(m_session.today().toString(Qt::ISODate)),
        tr("Erasure register (*.json)"), QStringLiteral("json"));
    if (path.isEmpty()) {
        return;
    }
    auto document = service->erasureRegister();
    if (!document) {
        m_prompter.reportError(this, tr("The erasure register was not exported"), document.error());
        return;
    }
    if (auto written = core::writeNewFile(path, *document); !written) {
        m_prompter.reportError(this, tr("The erasure register was not exported"), written.error());
        return;
    }
    m_prompter.inform(this, tr("Erasure register exported"),
                      tr("The register lists every erased case by reference, with its dates and who asked and "
                         "approved (no client data). Keep it with the backups: after restoring one made before an "
                         "erasure, open Retention and erasure in the restored vault and choose Re-apply erasure "
                         "register."));
}

void RetentionWindow::reapplyRegister()
{
    if (availableRetention(m_session) == nullptr) {
        return;
    }
    const QString path = m_prompter.chooseFileToOpen(this, tr("Re-apply an erasure register"), QString(),
                                                     tr("Erasure register (*.json)"));
    if (path.isEmpty()) {
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_prompter.showError(this, tr("The erasure register could not be read"),
                             tr("%1 could not be read: %2").arg(path, file.errorString()));
        return;
    }
    const QByteArray document = file.readAll();
    if (!m_prompter.confirm(this, tr("Re-apply the erasure register"),
                            tr("Every case the register lists that this vault still holds is erased again, for good, "
                               "as its two supervisors approved in the live vault. Use this only in a vault restored "
                               "from a backup made before those erasures."),
                            tr("Erase again"))) {
        return;
    }
    m_working = true;
    updateButtons();
    m_session.reapplyErasures(document, this, [this](const core::Result<std::vector<core::ReappliedErasure>>& done) {
        m_working = false;
        if (!done) {
            m_prompter.reportError(this, tr("The erasure register was not re-applied"), done.error());
            reload();
            return;
        }
        QStringList erased;
        int already = 0;
        for (const core::ReappliedErasure& o : *done) {
            if (o.outcome == core::ReappliedErasure::Outcome::Erased) {
                erased << o.reference;
                emit caseErased(o.reference);
            } else if (o.outcome == core::ReappliedErasure::Outcome::AlreadyErased) {
                ++already;
            }
        }
        QString text = erased.isEmpty() ? tr("No case in the register was in this vault, so nothing was erased.")
                                        : tr("Erased again: %1.").arg(erased.join(QStringLiteral(", ")));
        if (already > 0) {
            text += QLatin1Char(' ') + tr("%n case(s) in the register were already erased here.", nullptr, already);
        }
        m_prompter.inform(this, tr("Erasure register re-applied"), text);
        reload();
    });
}

}  // namespace claimdesk::ui
