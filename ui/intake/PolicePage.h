#pragma once

#include "ui/intake/IntakePage.h"

#include <memory>

namespace Ui {
class PolicePage;
}

namespace claimdesk::ui {

// 4. Police and CICA: whether it was reported (date, force, crime reference, what happened next), applied to
// every incident, and which claims the client may want (stored as the case's claim limbs).
class PolicePage final : public IntakePage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolicePage)
public:
    explicit PolicePage(QWidget* parent = nullptr);
    ~PolicePage() override;

    QString draftKey() const override { return QStringLiteral("police"); }
    QJsonObject saveDraft() const override;
    void restoreDraft(const QJsonObject& data) override;
    void apply(IntakeResult& result) const override;
    bool isComplete() const override;

private:
    void updateEnabled();

    std::unique_ptr<Ui::PolicePage> m_ui;
};

}  // namespace claimdesk::ui
