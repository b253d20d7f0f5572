#include "ui/audit/AuditViewerWindow.h"

#include "ui/audit/AuditTableModel.h"
#include "ui/cases/DateInput.h"
#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/session/VaultSession.h"

#include "audit/AuditService.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace {

QLabel* hintLabel(QWidget* parent)
{
    auto* hint = new QLabel(parent);
    makeProblem(hint);
    hint->setVisible(false);
    return hint;
}

}  // namespace

AuditViewerWindow::AuditViewerWindow(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QDialog(parent), m_session(session), m_prompter(prompter), m_model(new AuditTableModel(this))
{
    setObjectName(QStringLiteral("AuditViewerWindow"));
    setWindowTitle(tr("Audit trail — ClaimDesk"));
    setSizeGripEnabled(true);
    resize(1180, 720);

    auto* heading = new QLabel(tr("Audit trail"), this);
    makeHeading(heading);
    auto* intro = new QLabel(tr("Every change, reveal, export and sign-in, newest first. Cases are named by reference "
                                "only. Scroll down to load older entries."),
                             this);
    intro->setWordWrap(true);
    makeSecondary(intro);

    m_user = new QComboBox(this);
    m_user->setObjectName(QStringLiteral("auditUserCombo"));
    m_user->addItem(tr("Everyone"), QString());
    if (core::AuditService* audit = session.audit()) {
        if (auto names = audit->usernames()) {
            for (const QString& name : *names) {
                m_user->addItem(name, name);
            }
        }
    }
    m_case = new QLineEdit(this);
    m_case->setObjectName(QStringLiteral("auditCaseEdit"));
    m_case->setPlaceholderText(tr("e.g. BBK-2026-0042"));
    m_case->setClearButtonEnabled(true);
    m_case->setToolTip(tr("Only entries about this case: its changes, reveals, deadlines and therapy fund."));
    m_action = new QLineEdit(this);
    m_action->setObjectName(QStringLiteral("auditActionEdit"));
    m_action->setPlaceholderText(tr("e.g. case.create or therapy"));
    m_action->setClearButtonEnabled(true);
    m_action->setToolTip(tr("An action and every action below it: \"therapy\" shows every therapy.… entry, "
                            "\"case.note\" shows case.note.add and case.note.reveal."));
    m_fromEdit = new QLineEdit(this);
    m_fromEdit->setObjectName(QStringLiteral("auditFromEdit"));
    m_fromEdit->setPlaceholderText(tr("dd/mm/yyyy"));
    m_toEdit = new QLineEdit(this);
    m_toEdit->setObjectName(QStringLiteral("auditToEdit"));
    m_toEdit->setPlaceholderText(tr("dd/mm/yyyy"));
    for (QLineEdit* edit : {m_fromEdit, m_toEdit}) {
        edit->setToolTip(tr("A day in this computer's time zone; both days are included."));
        edit->setMaximumWidth(150);
    }
    QLabel* fromHint = hintLabel(this);
    QLabel* toHint = hintLabel(this);
    m_from = new DateInput(m_fromEdit, fromHint, {}, this);
    m_to = new DateInput(m_toEdit, toHint, {}, this);
    m_to->setCrossCheck([this](const ParsedDate& to) {
        const QDate from = m_from->date();
        return from.isValid() && to.date < from ? tr("Before the “from” date.") : QString();
    });
    m_clear = new QPushButton(tr("C&lear filters"), this);
    m_clear->setObjectName(QStringLiteral("clearAuditFiltersButton"));

    auto* userLabel = new QLabel(tr("&User:"), this);
    userLabel->setBuddy(m_user);
    auto* caseLabel = new QLabel(tr("&Case:"), this);
    caseLabel->setBuddy(m_case);
    auto* actionLabel = new QLabel(tr("&Action:"), this);
    actionLabel->setBuddy(m_action);
    auto* fromLabel = new QLabel(tr("&From:"), this);
    fromLabel->setBuddy(m_fromEdit);
    auto* toLabel = new QLabel(tr("&To:"), this);
    toLabel->setBuddy(m_toEdit);

    auto* filters = new QGridLayout;
    filters->setHorizontalSpacing(8);
    filters->addWidget(userLabel, 0, 0);
    filters->addWidget(m_user, 0, 1);
    filters->addWidget(caseLabel, 0, 2);
    filters->addWidget(m_case, 0, 3);
    filters->addWidget(actionLabel, 0, 4);
    filters->addWidget(m_action, 0, 5);
    filters->addWidget(fromLabel, 0, 6);
    filters->addWidget(m_fromEdit, 0, 7);
    filters->addWidget(toLabel, 0, 8);
    filters->addWidget(m_toEdit, 0, 9);
    filters->addWidget(m_clear, 0, 10);
    filters->addWidget(fromHint, 1, 7);
    filters->addWidget(toHint, 1, 9);
    filters->setColumnStretch(3, 1);
    filters->setColumnStretch(5, 1);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("auditTableView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    QHeaderView* header = m_view->horizontalHeader();
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setHighlightSections(false);
    header->setSectionResizeMode(AuditTableModel::Summary, QHeaderView::Stretch);
    m_view->setColumnWidth(AuditTableModel::Entry, 70);
    m_view->setColumnWidth(AuditTableModel::Time, 160);
    m_view->setColumnWidth(AuditTableModel::User, 130);
    m_view->setColumnWidth(AuditTableModel::Action, 210);
    m_view->setColumnWidth(AuditTableModel::Entity, 90);
    m_view->setColumnWidth(AuditTableModel::EntityId, 150);

    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("auditDetailsView"));
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select an entry to see it in full."));

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("auditStatusLabel"));
    makeSecondary(m_status);
    m_verify = new QPushButton(tr("&Verify chain"), this);
    m_verify->setObjectName(QStringLiteral("verifyAuditChainButton"));
    m_verify->setToolTip(tr("Check that no entry was changed, removed or reordered since it was written."));
    m_export = new QPushButton(tr("&Export CSV…"), this);
    m_export->setObjectName(QStringLiteral("exportAuditCsvButton"));
    m_export->setToolTip(tr("The entries that match the filters, all of them, as a spreadsheet file. The export is "
                            "itself recorded in the audit trail."));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_verify);
    bottom->addWidget(m_export);
    bottom->addWidget(buttons);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(intro);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);

    connect(m_user, &QComboBox::currentIndexChanged, this, &AuditViewerWindow::reload);
    connect(m_case, &QLineEdit::editingFinished, this, &AuditViewerWindow::reload);
    connect(m_action, &QLineEdit::editingFinished, this, &AuditViewerWindow::reload);
    connect(m_fromEdit, &QLineEdit::editingFinished, this, [this] {
        m_to->revalidate();
        reload();
    });
    connect(m_toEdit, &QLineEdit::editingFinished, this, &AuditViewerWindow::reload);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        const QSignalBlocker blockUser(m_user);
        m_user->setCurrentIndex(0);
        m_case->clear();
        m_action->clear();
        m_from->setText(QString());
        m_to->setText(QString());
        m_from->revalidate();
        m_to->revalidate();
        reload();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AuditViewerWindow::showDetails);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &AuditViewerWindow::updateStatus);
    connect(m_model, &AuditTableModel::pageFailed, this, [this](const QString& message) {
        m_status->setText(tr("Older entries could not be read: %1").arg(message));
    });
    connect(m_verify, &QPushButton::clicked, this, &AuditViewerWindow::verifyChain);
    connect(m_export, &QPushButton::clicked, this, &AuditViewerWindow::exportCsv);

    reload();
}

AuditViewerWindow::~AuditViewerWindow() = default;

core::AuditFilter AuditViewerWindow::filter() const
{
    core::AuditFilter f;
    f.username = m_user->currentData().toString();
    f.caseReference = m_case->text().trimmed();
    f.action = m_action->text().trimmed();
    f.setLocalDays(m_from->date(), m_to->date());
    return f;
}

bool AuditViewerWindow::reload()
{
    m_details->clear();
    if (!m_from->isAcceptable() || !m_to->isAcceptable()) {
        m_status->setText(tr("Correct the dates to filter by them."));
        return false;
    }
    if (m_session.audit() == nullptr) {
        m_model->clear();
        return false;
    }
    const core::AuditFilter f = filter();
    // The service is looked up on every page (a lock destroys it), and no page is read while a background task
    // (the chain check, an export) uses the vault's connection.
    VaultSession* session = &m_session;
    const auto error = m_model->reset(
        [session, f](qint64 beforeId, int limit) -> core::Result<core::AuditPage> {
            core::AuditService* audit = session->audit();
            if (audit == nullptr) {
                return core::makeError(core::ErrorCode::VaultLocked, tr("The vault is locked. Unlock it first."));
            }
            if (session->isBusy()) {
                return core::makeError(core::ErrorCode::VaultBusy,
                                       tr("ClaimDesk is still finishing the previous task. Try again in a moment."));
            }
            return audit->query(f, beforeId, limit);
        },
        core::AuditService::kDefaultPageSize);
    if (error) {
        m_status->setText(error->message);
        m_prompter.reportError(this, tr("The audit trail could not be read"), *error);
        return false;
    }
    updateStatus();
    return true;
}

void AuditViewerWindow::updateStatus()
{
    const int rows = m_model->rowCount();
    const QString filtered = filter().isEmpty() ? QString() : tr(" matching the filters");
    if (rows == 0) {
        m_status->setText(filter().isEmpty() ? tr("The audit trail is empty.") : tr("No entries match the filters."));
    } else if (m_model->hasMore()) {
        m_status->setText(
            tr("The newest %n entries%1 are shown; scroll down for older ones.", nullptr, rows).arg(filtered));
    } else {
        m_status->setText(tr("All %n entries%1 are shown.", nullptr, rows).arg(filtered));
    }
}

void AuditViewerWindow::showDetails()
{
    const core::AuditEntry* e = m_model->entryAt(m_view->currentIndex().row());
    if (e == nullptr) {
        m_details->clear();
        return;
    }
    QString text = tr("Entry %1 · %2 (%3 UTC) · %4\n")
                       .arg(e->id)
                       .arg(AuditTableModel::localTime(e->atUtc),
                            e->atUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")), e->username);
    text += tr("Action: %1\n").arg(e->action);
    text += tr("About: %1 %2\n").arg(e->entity, e->entityId);
    if (!core::AuditService::detailsState(*e).isEmpty()) {
        text += tr("\nDetails: %1\n").arg(core::AuditService::detailsLine(*e));  // erased, withheld or damaged
    } else {
        text += e->summary.isEmpty()
            ? tr("\nDetails: none\n")
            : tr("\nDetails:\n%1").arg(QString::fromUtf8(QJsonDocument(e->summary).toJson(QJsonDocument::Indented)));
    }
    text += tr("\nHash: %1\nPrevious hash: %2")
                .arg(e->hash, e->previousHash.isEmpty() ? tr("(first entry)") : e->previousHash);
    m_details->setPlainText(text);
}

void AuditViewerWindow::setWorking(bool working)
{
    // The filters too: a new filter reads the vault, which the background task is using.
    for (QWidget* w : std::initializer_list<QWidget*> {m_verify, m_export, m_user, m_case, m_action, m_fromEdit,
                                                       m_toEdit, m_clear}) {
        w->setEnabled(!working);
    }
    if (working) {
        setCursor(Qt::BusyCursor);
    } else {
        unsetCursor();
    }
}

void AuditViewerWindow::verifyChain()
{
    setWorking(true);
    m_status->setText(tr("Checking the whole audit trail…"));
    m_session.verifyAuditChain(this, [this](const core::Result<core::AuditChainReport>& report) {
        setWorking(false);
        updateStatus();
        if (!report) {
            m_prompter.reportError(this, tr("The audit trail could not be checked"), report.error());
            return;
        }
        const QString count = QLocale(QLocale::English, QLocale::UnitedKingdom).toString(report->entries);
        if (report->intact) {
            m_prompter.inform(this, tr("Audit trail intact"),
                              tr("All %1 entries are unchanged, none is missing and they are in the order they were "
                                 "written.")
                                  .arg(count));
            return;
        }
        m_prompter.showError(this, tr("The audit trail was tampered with"),
                             tr("The audit trail was changed after it was written. The first broken link is entry "
                                "%1: %2.\n\nStop using this vault, keep it as evidence, and ask your admin to restore "
                                "the latest backup.")
                                 .arg(report->firstBrokenId)
                                 .arg(report->problem));
    });
}

void AuditViewerWindow::exportCsv()
{
    if (!m_from->isAcceptable() || !m_to->isAcceptable()) {
        m_prompter.showError(this, tr("Export CSV"), tr("Correct the dates first, or clear them."));
        return;
    }
    QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (documents.isEmpty()) {
        documents = QDir::homePath();
    }
    const QString suggested
        = QDir(documents).filePath(tr("ClaimDesk audit trail %1.csv").arg(QDate::currentDate().toString(Qt::ISODate)));
    const QString path = m_prompter.chooseFileToSave(this, tr("Export the audit trail"), suggested,
                                                     tr("CSV files (*.csv)"), QStringLiteral("csv"));
    if (path.isEmpty()) {
        return;
    }
    setWorking(true);
    m_status->setText(tr("Exporting…"));
    m_session.exportAuditCsv(filter(), path, this, [this, path](const core::Result<qint64>& written) {
        setWorking(false);
        updateStatus();
        if (!written) {
            m_prompter.reportError(this, tr("The audit trail was not exported"), written.error());
            return;
        }
        m_prompter.inform(this, tr("Audit trail exported"),
                          tr("%n entries were written to %1. The export is recorded in the audit trail.", nullptr,
                             static_cast<int>(*written))
                              .arg(QDir::toNativeSeparators(path)));
        reload();  // the export's own entry is now the newest
    });
}

}  // namespace claimdesk::ui
