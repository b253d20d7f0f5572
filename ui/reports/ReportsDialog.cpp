#include "ui/reports/ReportsDialog.h"

#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/reports/DocumentOutput.h"
#include "ui/session/VaultSession.h"

#include "reports/OutputAudit.h"
#include "render/DocumentPainter.h"
#include "users/User.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace claimdesk::ui {

using core::reports::ReportKind;

ReportsDialog::ReportsDialog(VaultSession& session, Prompter& prompter, QWidget* parent)
    : QDialog(parent), m_session(session), m_prompter(prompter)
{
    setObjectName(QStringLiteral("ReportsDialog"));
    setWindowTitle(tr("Reports"));
    setSizeGripEnabled(true);
    const bool supervisor = session.currentUser().role == core::Role::Supervisor;

    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("reportKindCombo"));
    for (ReportKind k : {ReportKind::Diary, ReportKind::Caseload, ReportKind::LimitationRisk, ReportKind::TherapyFund}) {
        m_kind->addItem(core::reports::reportKindTitle(k), static_cast<int>(k));
    }
    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("reportScopeCombo"));
    m_scope->addItem(tr("My cases"), QString());
    if (supervisor) {
        m_scope->addItem(tr("Whole team"), QStringLiteral("*"));
        if (auto users = session.users()) {
            for (const core::User& u : *users) {
                if (u.active && u.role != core::Role::Admin) {
                    m_scope->addItem(u.displayName, u.username);
                }
            }
        }
        m_scope->setCurrentIndex(1);
    }
    const QDate today = session.today();
    m_from = new QDateEdit(today, this);
    m_from->setObjectName(QStringLiteral("reportFromEdit"));
    m_to = new QDateEdit(today.addDays(27), this);
    m_to->setObjectName(QStringLiteral("reportToEdit"));
    for (QDateEdit* e : {m_from, m_to}) {
        e->setDisplayFormat(QStringLiteral("d MMM yyyy"));
        e->setCalendarPopup(true);
    }
    m_rangeLabel = new QLabel(this);
    makeSecondary(m_rangeLabel);
    m_rangeLabel->setWordWrap(true);

    auto* dates = new QHBoxLayout;
    dates->addWidget(m_from);
    dates->addWidget(new QLabel(tr("to"), this));
    dates->addWidget(m_to);
    dates->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("&Report:"), m_kind);
    form->addRow(tr("&Whose:"), m_scope);
    auto* fromLabel = new QLabel(tr("&From:"), this);
    fromLabel->setBuddy(m_from);
    form->addRow(fromLabel, dates);
    form->addRow(QString(), m_rangeLabel);

    m_run = new QPushButton(tr("&Run report"), this);
    m_run->setObjectName(QStringLiteral("runReportButton"));
    m_run->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelReportButton"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("reportProgress"));
    m_progress->setTextVisible(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reportStatusLabel"));
    m_status->setWordWrap(true);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_progress, 1);
    runRow->addWidget(m_cancelButton);
    runRow->addStretch(0);
    m_run->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);

    m_preview = new QPrintPreviewWidget(this);
    m_preview->setObjectName(QStringLiteral("reportPreview"));
    m_preview->setZoomMode(QPrintPreviewWidget::FitToWidth);
    connect(m_preview, &QPrintPreviewWidget::paintRequested, this, [this](QPrinter* printer) {
        if (m_document) {
            (void)render::paint(*m_document, *printer, /*keepPageSetup=*/false);
        }
    });
    m_placeholder = new QLabel(tr("Choose a report and press Run report. Reports name cases by their reference, never "
                                  "the client."),
                               this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    makeSecondary(m_placeholder);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_preview);

    m_print = new QPushButton(tr("&Print…"), this);
    m_print->setObjectName(QStringLiteral("printReportButton"));
    m_pdf = new QPushButton(tr("Save as P&DF…"), this);
    m_pdf->setObjectName(QStringLiteral("saveReportPdfButton"));
    m_csv = new QPushButton(tr("Save as &CSV…"), this);
    m_csv->setObjectName(QStringLiteral("saveReportCsvButton"));
    m_csv->setToolTip(tr("For a spreadsheet: UTF-8, ISO dates, cells a spreadsheet could run as formulas made safe."));
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_print);
    buttons->addWidget(m_pdf);
    buttons->addWidget(m_csv);
    buttons->addWidget(close);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(runRow);
    layout->addWidget(m_stack, 1);
    layout->addLayout(buttons);
    resize(1000, 860);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ReportsDialog::updateControls);
    connect(m_run, &QPushButton::clicked, this, &ReportsDialog::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &ReportsDialog::cancel);
    connect(m_print, &QPushButton::clicked, this, &ReportsDialog::print);
    connect(m_pdf, &QPushButton::clicked, this, &ReportsDialog::savePdf);
    connect(m_csv, &QPushButton::clicked, this, &ReportsDialog::saveCsv);
    connect(this, &QDialog::rejected, this, &ReportsDialog::cancel);
    updateControls();
}

ReportsDialog::~ReportsDialog()
{
    cancel();
}

void ReportsDialog::setKind(ReportKind kind)
{
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(kind)));
}

void ReportsDialog::setRange(const QDate& from, const QDate& to)
{
    m_from->setDate(from);
    m_to->setDate(to);
}

core::reports::ReportRequest ReportsDialog::request() const
{
    core::reports::ReportRequest r;
    r.kind = static_cast<ReportKind>(m_kind->currentData().toInt());
    r.asOf = m_session.today();
    r.from = m_from->date();
    r.to = m_to->date();
    const QString scope = m_scope->currentData().toString();
    r.feeEarner = scope == u"*" ? QString() : (scope.isEmpty() ? m_session.currentUser().username : scope);
    return r;
}

void ReportsDialog::updateControls()
{
    const auto kind = static_cast<ReportKind>(m_kind->currentData().toInt());
    const bool running = isRunning();
    const bool diary = kind == ReportKind::Diary;
    m_scope->setEnabled(!running && diary);
    m_from->setEnabled(!running && (diary || kind == ReportKind::TherapyFund));
    m_to->setEnabled(!running && diary);
    switch (kind) {
    case ReportKind::Diary:
        m_rangeLabel->setText(tr("Open deadlines and reminders due in the range, and everything already overdue."));
        break;
    case ReportKind::Caseload:
        m_rangeLabel->setText(tr("Every case you may see, by stage and fee earner, as of today."));
        break;
    case ReportKind::LimitationRisk:
        m_rangeLabel->setText(tr("Open cases within six months of limitation (or past it), and every unverified or "
                                 "missing limitation date, as of today."));
        break;
    case ReportKind::TherapyFund:
        m_rangeLabel->setText(tr("The therapy fund year that contains the From date."));
        break;
    }
    m_kind->setEnabled(!running);
    m_run->setEnabled(!running);
    m_cancelButton->setVisible(running);
    m_progress->setVisible(running);
    const bool ready = m_document != nullptr && !running;
    m_print->setEnabled(ready);
    m_pdf->setEnabled(ready);
    m_csv->setEnabled(ready);
}

void ReportsDialog::run()
{
    if (isRunning()) {
        return;
    }
    if (m_to->isEnabled() && m_to->date() < m_from->date()) {
        m_status->setText(tr("The range ends before it starts: change From or To."));
        makeProblem(m_status);
        return;
    }
    const core::reports::ReportRequest r = request();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_document.reset();
    m_stack->setCurrentWidget(m_placeholder);
    m_placeholder->setText(tr("Building the report…"));
    m_progress->setRange(0, 0);
    m_status->clear();
    updateControls();
    m_session.buildReport(
        r, this,
        [this](int done, int total) {
            m_progress->setRange(0, std::max(total, 1));
            m_progress->setValue(done);
            m_progress->setFormat(tr("%1 of %2 cases").arg(done).arg(total));
        },
        m_cancel,
        [this, r](const core::Result<core::reports::Document>& built) {
            const bool cancelled = m_cancel && m_cancel->load();
            m_cancel.reset();
            if (!built) {
                m_placeholder->setText(cancelled ? tr("The report was cancelled.") : built.error().message);
                updateControls();
                emit finished(false);
                return;
            }
            m_shownRequest = r;
            shown(*built);
            emit finished(m_document != nullptr);
        });
}

void ReportsDialog::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
}

void ReportsDialog::shown(const core::reports::Document& document)
{
    auto doc = std::make_shared<core::reports::Document>(document);
    // Shown on screen is a look at the data: recorded like a preview.
    auto logged = m_session.recordOutput(core::reports::outputRecordFor(m_shownRequest, *doc, QStringLiteral("preview"), {}));
    if (!logged) {
        m_placeholder->setText(logged.error().message);
        updateControls();
        return;
    }
    m_document = std::move(doc);
    m_stack->setCurrentWidget(m_preview);
    m_preview->updatePreview();
    m_status->setText(QStringLiteral("%1 · %2").arg(m_document->title, m_document->subtitle));
    makeSecondary(m_status);
    updateControls();
}

QString ReportsDialog::record(const QString& format, const QString& destination)
{
    if (!m_document) {
        return tr("There is no report to save: run one first.");
    }
    auto logged = m_session.recordOutput(core::reports::outputRecordFor(m_shownRequest, *m_document, format, destination));
    return logged ? QString() : logged.error().message;
}

QString ReportsDialog::fileName() const
{
    return documentFileName(m_document->title, QString(), m_session.today());
}

QString ReportsDialog::savePdf()
{
    if (!m_document) {
        return {};
    }
    const QString path = ui::savePdf(this, m_prompter, *m_document, fileName(),
                                     [this](const QString& f, const QString& d) { return record(f, d); });
    if (!path.isEmpty()) {
        m_status->setText(tr("Saved to %1.").arg(QDir::toNativeSeparators(path)));
    }
    return path;
}

QString ReportsDialog::saveCsv()
{
    if (!m_document) {
        return {};
    }
    const QString path = ui::saveCsv(this, m_prompter, *m_document, fileName(),
                                     [this](const QString& f, const QString& d) { return record(f, d); });
    if (!path.isEmpty()) {
        m_status->setText(tr("Saved to %1.").arg(QDir::toNativeSeparators(path)));
    }
    return path;
}

void ReportsDialog::print()
{
    if (m_document) {
        printWithDialog(this, m_prompter, m_document, [this](const QString& f, const QString& d) { return record(f, d); });
    }
}

}  // namespace claimdesk::ui
