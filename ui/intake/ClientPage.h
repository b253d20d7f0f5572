#pragma once

#include "ui/intake/IntakePage.h"

#include <memory>

namespace Ui {
class ClientPage;
}

namespace claimdesk::core {
class ConflictService;
}

namespace claimdesk::ui {

class ConflictHints;

// 2. The client: names (with live duplicate and conflict hints for the full and former names, and the date of
// birth when given), contact details and support needs. Only the full name is needed to go on.
class ClientPage final : public IntakePage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientPage)
public:
    explicit ClientPage(core::ConflictService* conflicts, QWidget* parent = nullptr);
    ~ClientPage() override;

    QString draftKey() const override { return QStringLiteral("client"); }
    QJsonObject saveDraft() const override;
    void restoreDraft(const QJsonObject& data) override;
    void apply(IntakeResult& result) const override;
    bool isComplete() const override;

    ConflictHints* conflictHints() const;
    QDate dateOfBirth() const;  // null unless a valid date is typed

private:
    void namesChanged();

    std::unique_ptr<Ui::ClientPage> m_ui;
};

}  // namespace claimdesk::ui
