#include "ui/reports/DocumentOutput.h"

#include "ui/common/Prompter.h"

#include "common/NewFile.h"
#include "render/DocumentPainter.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPrintDialog>
#include <QPrinter>
#include <QRegularExpression>
#include <QStandardPaths>

namespace claimdesk::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("DocumentOutput", text);
}

// A new file name from the person, or empty. An existing file is replaced only when they confirm: the old one is
// removed just before the new one is written (the writers never overwrite).
QString chooseFile(QWidget* parent, Prompter& prompter, const QString& title, const QString& baseName,
                   const QString& suffix, const QString& filter)
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(documents).filePath(baseName + QLatin1Char('.') + suffix);
    QString path = prompter.chooseFileToSave(parent, title, suggested, filter, suffix);
    if (path.isEmpty()) {
        return {};
    }
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QLatin1Char('.') + suffix;
    }
    if (QFileInfo::exists(path)
        && !prompter.confirm(parent, tr("Replace the file?"),
                             tr("%1 already exists. Replace it?").arg(QFileInfo(path).fileName()), tr("Replace"))) {
        return {};
    }
    return path;
}

bool recorded(QWidget* parent, Prompter& prompter, const OutputRecorder& record, const QString& format,
              const QString& destination)
{
    const QString problem = record ? record(format, destination) : QString();
    if (!problem.isEmpty()) {
        prompter.showError(parent, tr("Nothing was printed or saved"), problem);
        return false;
    }
    return true;
}

}  // namespace

QString documentFileName(const QString& first, const QString& second, const QDate& day)
{
    QString name = QStringLiteral("%1 %2 %3").arg(first, second, day.toString(Qt::ISODate)).simplified();
    name.replace(QRegularExpression(QStringLiteral("[/\\\\:*?\"<>|]")), QStringLiteral("-"));
    return name;
}

QString savePdf(QWidget* parent, Prompter& prompter, const core::reports::Document& document,
                const QString& suggestedBaseName, const OutputRecorder& record)
{
    const QString path = chooseFile(parent, prompter, tr("Save as PDF"), suggestedBaseName, QStringLiteral("pdf"),
                                    tr("PDF files (*.pdf)"));
    if (path.isEmpty() || !recorded(parent, prompter, record, QStringLiteral("pdf"), QDir::toNativeSeparators(path))) {
        return {};
    }
    auto pages = render::writePdf(document, path, /*overwrite=*/true);
    if (!pages) {
        prompter.reportError(parent, tr("The PDF was not saved"), pages.error());
        return {};
    }
    return path;
}

QString saveCsv(QWidget* parent, Prompter& prompter, const core::reports::Document& document,
                const QString& suggestedBaseName, const OutputRecorder& record)
{
    const QString path = chooseFile(parent, prompter, tr("Save as CSV"), suggestedBaseName, QStringLiteral("csv"),
                                    tr("CSV files (*.csv)"));
    if (path.isEmpty() || !recorded(parent, prompter, record, QStringLiteral("csv"), QDir::toNativeSeparators(path))) {
        return {};
    }
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        prompter.showError(parent, tr("The CSV was not saved"),
                           tr("%1 could not be replaced. Close it in other programs, or choose another name.")
                               .arg(QDir::toNativeSeparators(path)));
        return {};
    }
    if (auto written = core::writeNewFile(path, core::reports::toCsv(document)); !written) {
        prompter.reportError(parent, tr("The CSV was not saved"), written.error());
        return {};
    }
    return path;
}

void printWithDialog(QWidget* parent, Prompter& prompter, std::shared_ptr<const core::reports::Document> document,
                     const OutputRecorder& record)
{
    auto printer = std::make_shared<QPrinter>(QPrinter::HighResolution);
    printer->setPageSize(QPageSize(QPageSize::A4));
    printer->setDocName(document->title + QLatin1Char(' ') + document->reference);
    auto* dialog = new QPrintDialog(printer.get(), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Print %1").arg(document->title));
    QObject::connect(static_cast<QDialog*>(dialog), &QDialog::accepted, parent, [parent, &prompter, printer, document, record] {
        if (!recorded(parent, prompter, record, QStringLiteral("print"), printer->printerName())) {
            return;
        }
        if (auto painted = render::paint(*document, *printer, /*keepPageSetup=*/true); !painted) {
            prompter.reportError(parent, tr("Nothing was printed"), painted.error());
        }
    });
    dialog->open();
}

}  // namespace claimdesk::ui
