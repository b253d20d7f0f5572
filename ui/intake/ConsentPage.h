#pragma once

#include "ui/intake/IntakePage.h"

#include <memory>

namespace Ui {
class ConsentPage;
}

namespace claimdesk::ui {

// 6. Consent: to use the client's information for the claim, and to contact them. Both are needed before the
// case can be created, and the page says why; a client who is not ready leaves the intake as a draft.
class ConsentPage final : public IntakePage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsentPage)
public:
    explicit ConsentPage(QWidget* parent = nullptr);
    ~ConsentPage() override;

    QString draftKey() const override { return QStringLiteral("consent"); }
    QJsonObject saveDraft() const override;
    void restoreDraft(const QJsonObject& data) override;
    void apply(IntakeResult& result) const override;
    bool isComplete() const override;

private:
    void updateStatus();

    std::unique_ptr<Ui::ConsentPage> m_ui;
};

}  // namespace claimdesk::ui
