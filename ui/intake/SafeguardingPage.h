#pragma once

#include "ui/intake/IntakePage.h"

#include <memory>
#include <utility>
#include <vector>

class QButtonGroup;
class QCheckBox;

namespace Ui {
class SafeguardingPage;
}

namespace claimdesk::ui {

// 5. The safeguarding screen (DOMAIN §6.3): risk to the client (thoughts of ending their life, a plan, intent,
// the means, past attempts, self-harm, abuse now, living with or near the abuser, the support in place) and to
// others (the abuser's access to children, position of trust, whereabouts, convictions and notification
// requirements; other people harmed; the client's own children; whether the institution still operates).
// Every question is optional and can be left for later ("Ask later" becomes a follow-up task). A serious-risk
// answer shows at once, calmly, what will happen (an urgent task for the supervisor and a red banner on the
// case) and the crisis line to give the client. Who asked and when default to the person recording it, now.
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
    QString answerOf(const QString& key) const;
    void updateRisk();

    std::unique_ptr<Ui::SafeguardingPage> m_ui;
    std::vector<Question> m_questions;
    std::vector<std::pair<core::SupportKind, QCheckBox*>> m_support;
};

}  // namespace claimdesk::ui
