#include "ui/therapy/StatementDialog.h"

#include "ui/common/Prompter.h"
#include "ui/common/Typography.h"
#include "ui/therapy/StatementDocument.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace claimdesk::ui {

StatementDialog::StatementDialog(core::therapy::CaseStatement statement, QString printedBy, QDate printedOn,
                                 Prompter& prompter, QWidget* parent)
    : QDialog(parent),
      m_statement(std::move(statement)),
      m_printedBy(std::move(printedBy)),
      m_printedOn(printedOn),
      m_prompter(prompter)
{
    setObjectName(QStringLiteral("StatementDialog"));
    setWindowTitle(tr("Statement of therapy costs — %1").arg(m_statement.caseReference));
    setSizeGripEnabled(true);
    auto* marking = new QLabel(privilegeMarking(), this);
    marking->setObjectName(QStringLiteral("privilegeMarkingLabel"));
    marking->setStyleSheet(QStringLiteral("color: #7a1209; font-weight: 600;"));
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("statementBrowser"));
    m_browser->setHtml(statementHtml(m_statement, m_printedBy, m_printedOn));
    m_browser->setOpenLinks(false);

    auto* preview = new QPushButton(tr("Print pre&view…"), this);
    preview->setObjectName(QStringLiteral("printPreviewButton"));
    auto* pdf = new QPushButton(tr("Export &PDF…"), this);
    pdf->setObjectName(QStringLiteral("exportPdfButton"));
    auto* csv = new QPushButton(tr("Export &CSV…"), this);
    csv->setObjectName(QStringLiteral("exportCsvButton"));
    csv->setToolTip(tr("For the schedule of loss spreadsheet: UTF-8, amounts in pounds, the case reference only."));
    connect(preview, &QPushButton::clicked, this, &StatementDialog::printPreview);
    connect(pdf, &QPushButton::clicked, this, &StatementDialog::exportPdf);
    connect(csv, &QPushButton::clicked, this, &StatementDialog::exportCsv);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* row = new QHBoxLayout;
    row->addWidget(preview);
    row->addWidget(pdf);
    row->addWidget(csv);
    row->addStretch(1);
    row->addWidget(close);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(marking);
    layout->addWidget(m_browser, 1);
    layout->addLayout(row);
    resize(860, 680);
}

StatementDialog::~StatementDialog() = default;

bool StatementDialog::record(const QString& format, const QString& destination)
{
    const QString problem = m_recorder ? m_recorder(format, destination) : QString();
    if (!problem.isEmpty()) {
        m_prompter.showError(this, tr("Nothing was printed or exported"), problem);
        return false;
    }
    return true;
}

void StatementDialog::printPreview()
{
    // The preview can be printed from its own toolbar: recorded as a print when it opens.
    if (!record(QStringLiteral("print"), QString())) {
        return;
    }
    m_printer = std::make_unique<QPrinter>(QPrinter::HighResolution);
    auto* preview = new QPrintPreviewDialog(m_printer.get(), this);
    preview->setAttribute(Qt::WA_DeleteOnClose);
    preview->setWindowTitle(tr("Print preview — %1").arg(m_statement.caseReference));
    connect(preview, &QPrintPreviewDialog::paintRequested, this,
            [this](QPrinter* printer) { printStatement(*printer, m_statement, m_printedBy, m_printedOn, m_firmName); });
    preview->resize(900, 1000);
    preview->open();
}

QString StatementDialog::chooseFile(const QString& title, const QString& suffix, const QString& filter)
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(documents).filePath(
        tr("Therapy costs %1 %2.%3").arg(m_statement.caseReference, m_printedOn.toString(Qt::ISODate), suffix));
    const QString path = m_prompter.chooseFileToSave(this, title, suggested, filter, suffix);
    if (path.isEmpty()) {
        return {};
    }
    if (QFileInfo::exists(path)
        && !m_prompter.confirm(this, tr("Replace the file?"),
                               tr("%1 already exists. Replace it with this statement?").arg(QFileInfo(path).fileName()),
                               tr("Replace"))) {
        return {};
    }
    return path;
}

bool StatementDialog::exportPdf()
{
    const QString path = chooseFile(tr("Export statement as PDF"), QStringLiteral("pdf"), tr("PDF files (*.pdf)"));
    if (path.isEmpty()) {
        return false;
    }
    if (!record(QStringLiteral("pdf"), QDir::toNativeSeparators(path))) {
        return false;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setCreator(QStringLiteral("ClaimDesk"));
    if (!printStatement(printer, m_statement, m_printedBy, m_printedOn, m_firmName)) {
        m_prompter.showError(this, tr("The PDF was not saved"),
                             tr("%1 could not be written. Choose another folder.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    m_prompter.inform(this, tr("Statement exported"),
                      tr("The statement of therapy costs for %1 was written to %2.")
                          .arg(m_statement.caseReference, QDir::toNativeSeparators(path)));
    return true;
}

bool StatementDialog::exportCsv()
{
    const QString path = chooseFile(tr("Export statement as CSV"), QStringLiteral("csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty()) {
        return false;
    }
    if (!record(QStringLiteral("csv"), QDir::toNativeSeparators(path))) {
        return false;
    }
    const QByteArray csv = statementCsv(m_statement);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit()) {
        m_prompter.showError(this, tr("The CSV was not saved"),
                             tr("%1 could not be written (%2). Choose another folder.")
                                 .arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    m_prompter.inform(this, tr("Statement exported"),
                      tr("The statement of therapy costs for %1 was written to %2.")
                          .arg(m_statement.caseReference, QDir::toNativeSeparators(path)));
    return true;
}

}  // namespace claimdesk::ui
