#pragma once

#include "ui/intake/IntakePage.h"

#include <memory>

namespace Ui {
class SafetyPage;
}

namespace claimdesk::ui {

// 1. Safety first: is it safe to talk now (if not: a calm way out that keeps everything), and the contact
// rules. Every channel starts unticked: unsafe until the client confirms it.
class SafetyPage final : public IntakePage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafetyPage)
public:
    explicit SafetyPage(QWidget* parent = nullptr);
    ~SafetyPage() override;

    QString draftKey() const override { return QStringLiteral("safety"); }
    QJsonObject saveDraft() const override;
    void restoreDraft(const QJsonObject& data) override;
    void apply(IntakeResult& result) const override;

signals:
    void saveAndCloseRequested();

private:
    void updateNotSafe();

    std::unique_ptr<Ui::SafetyPage> m_ui;
};

// "One per line" text as a list: trimmed, blank lines dropped.
QStringList linesOf(const QString& text);

}  // namespace claimdesk::ui
