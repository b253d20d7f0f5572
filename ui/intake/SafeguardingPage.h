#pragma once

#include "ui/intake/IntakePage.h"

#include <memory>
#include <vector>

class QButtonGroup;

namespace Ui {
class SafeguardingPage;
}

namespace claimdesk::ui {

// 5. The safeguarding screen (DOMAIN §6.3): risk to the client and to others. Every question can be left for
// later ("Ask later" becomes a follow-up task). A serious-risk answer shows at once, calmly, what will happen
// (an urgent task for the supervisor and a red banner on the case) and the crisis line to give the client.
class SafeguardingPage final : public IntakePage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafeguardingPage)
public:
    explicit SafeguardingPage(QWidget* parent = nullptr);
    ~SafeguardingPage() override;

    QString draftKey() const override { return QStringLiteral("safeguarding"); }
    QJsonObject saveDraft() const override;
    void restoreDraft(const QJsonObject& data) override;
    void apply(IntakeResult& result) const override;

    core::SafeguardingScreen screen() const;
    QStringList askLater() const;
    // The serious risks in words for people (core's rule decides what is serious).
    static QStringList seriousRiskText(const core::SafeguardingScreen& screen);

private:
    struct Question;
    void updateRisk();

    std::unique_ptr<Ui::SafeguardingPage> m_ui;
    std::vector<Question> m_questions;
};

}  // namespace claimdesk::ui
