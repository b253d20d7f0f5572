#pragma once

#include "ui/intake/ConflictHints.h"
#include "ui/intake/IntakePage.h"
#include "users/User.h"

#include <functional>
#include <memory>
#include <vector>

class QComboBox;

namespace Ui {
class ReviewPage;
}

namespace claimdesk::ui {

// 7. Review and create: a readable summary of everything entered, the conflict matches to be aware of, and
// who will handle the case. The wizard's Create button runs `create` (through validatePage): when it fails
// the page stays, with everything kept.
class ReviewPage final : public IntakePage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewPage)
public:
    struct Hooks {
        std::function<IntakeResult()> collect;             // everything entered, from every page
        std::function<std::vector<NameCheck>()> checkNames;  // a fresh conflict check of every name
        std::function<bool()> create;                      // true when the case was created
    };

    explicit ReviewPage(Hooks hooks, QWidget* parent = nullptr);
    ~ReviewPage() override;

    void setStaff(const std::vector<core::User>& users, const QString& signedInUsername);

    QString draftKey() const override { return QStringLiteral("review"); }
    QJsonObject saveDraft() const override;
    void restoreDraft(const QJsonObject& data) override;
    void apply(IntakeResult& result) const override;
    void initializePage() override;
    bool validatePage() override;

    QString summaryText() const;  // the summary as plain text (tests)
    void refresh();

private:
    void updateAssignHint();
    void selectData(QComboBox* combo, const QString& value);

    std::unique_ptr<Ui::ReviewPage> m_ui;
    Hooks m_hooks;
    QString m_pendingFeeEarner;
    QString m_pendingSupervisor;
    bool m_seriousRisk = false;
};

}  // namespace claimdesk::ui
