#include "ui/reports/SubjectAccess.h"

#include "ui/cases/CaseAccess.h"
#include "ui/common/Prompter.h"
#include "ui/reports/DocumentOutput.h"
#include "ui/session/VaultSession.h"

#include "common/NewFile.h"
#include "reports/CaseDocuments.h"
#include "render/DocumentPainter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace claimdesk::ui {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("SubjectAccess", text);
}
}  // namespace

QString saveSubjectAccessBundle(QWidget* parent, VaultSession& session, Prompter& prompter, qint64 caseId,
                                const QString& reference)
{
    core::reports::CaseDocuments* documents = availableCases(session) ? session.documents() : nullptr;
    if (documents == nullptr) {
        prompter.showError(parent, tr("Subject access bundle"),
                           tr("ClaimDesk is busy (the case list is loading). Try again in a moment."));
        return {};
    }
    auto bundle = documents->subjectAccess(caseId, session.today());
    if (!bundle) {
        prompter.reportError(parent, tr("No subject access bundle"), bundle.error());
        return {};
    }
    QString jsonPath;
    const QString pdfPath = savePdf(
        parent, prompter, bundle->document, documentFileName(reference, tr("subject access"), session.today()),
        [&](const QString&, const QString& destination) -> QString {
            jsonPath = QFileInfo(destination).path() + QLatin1Char('/') + QFileInfo(destination).completeBaseName()
                + QStringLiteral(".json");
            if (QFileInfo::exists(jsonPath)) {
                return tr("%1 already exists. Choose another name: the JSON copy is saved beside the PDF with the same "
                          "name.")
                    .arg(QDir::toNativeSeparators(jsonPath));
            }
            auto logged = session.recordOutput(documents->sarRecord(*bundle, QStringLiteral("pdf+json"), destination));
            return logged ? QString() : logged.error().message;
        });
    if (pdfPath.isEmpty()) {
        return {};
    }
    if (auto written = core::writeNewFile(jsonPath, QJsonDocument(bundle->json).toJson(QJsonDocument::Indented));
        !written) {
        QFile::remove(pdfPath);
        prompter.reportError(parent, tr("The bundle was not saved"), written.error());
        return {};
    }
    prompter.inform(parent, tr("Subject access bundle saved"),
                    tr("The bundle for the client of %1 was saved:\n\n%2 (for the client)\n%3 (machine-readable)\n\n%4 "
                       "withheld items are listed in it with the reason. Check the bundle before it is sent.")
                        .arg(reference, QDir::toNativeSeparators(pdfPath), QDir::toNativeSeparators(jsonPath))
                        .arg(bundle->withheldItems));
    return pdfPath;
}

}  // namespace claimdesk::ui
