#pragma once

#include "ui/intake/IntakePage.h"

#include <memory>

namespace Ui {
class IncidentsPage;
}

namespace claimdesk::core {
class ConflictService;
}

namespace claimdesk::ui {

class IncidentForm;

// 3. What happened, in outline: one tab per incident, and (only if the client wants) their account, recorded
// once. A calm note says that detail is not needed now.
class IncidentsPage final : public IntakePage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentsPage)
public:
    explicit IncidentsPage(core::ConflictService* conflicts, QWidget* parent = nullptr);
    ~IncidentsPage() override;

    QString draftKey() const override { return QStringLiteral("incidents"); }
    QJsonObject saveDraft() const override;
    void restoreDraft(const QJsonObject& data) override;
    void apply(IntakeResult& result) const override;
    bool isComplete() const override;

    IncidentForm* addIncident();
    int incidentCount() const;
    IncidentForm* incidentForm(int index) const;

private:
    void removeCurrentIncident();
    void updateAccount();
    void renumber();

    std::unique_ptr<Ui::IncidentsPage> m_ui;
    core::ConflictService* m_conflicts;
    int m_formsMade = 0;  // for unique object names
};

}  // namespace claimdesk::ui
