#pragma once

#include "cases/CaseService.h"

#include <QJsonObject>
#include <QWizardPage>

#include <optional>

namespace claimdesk::ui {

// Everything the intake collects: the new case, plus the few answers that have no field in NewCase and are
// written as notes on the case once it exists.
struct IntakeResult {
    core::NewCase newCase;
    std::optional<bool> safeToTalk;  // "Is it safe to talk now?" (nullopt: not answered)
    QStringList notes;               // normal notes, added after the case is created
    QStringList sensitiveNotes;      // hidden like the account until someone reveals them
};

// A page of the intake wizard. Each page saves its own fields to, and restores them from, a section of the
// draft (what was typed, as typed: a half-corrected date survives a lock), and fills its part of the result.
class IntakePage : public QWizardPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntakePage)
public:
    using QWizardPage::QWizardPage;

    virtual QString draftKey() const = 0;
    virtual QJsonObject saveDraft() const = 0;
    virtual void restoreDraft(const QJsonObject& data) = 0;
    virtual void apply(IntakeResult& result) const = 0;

signals:
    void edited();  // something was typed, ticked or chosen

protected:
    // Connects every input widget under `root` to edited(). Call again for widgets added later.
    void watchEdits(QWidget* root);
};

}  // namespace claimdesk::ui
