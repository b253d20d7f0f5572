#pragma once

#include "ui/cases/CaseSection.h"
#include "ui/cases/StaffNames.h"

#include <map>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace claimdesk::ui {

class DateInput;

// Overview: the case's own fields (stage, fee earner, supervisor, funding, claim limbs, dates, money,
// restricted) and what was recorded at intake (consent, the safeguarding screen, the last save).
// Only a supervisor may change the supervisor or the restriction; the fields say so to everyone else.
class CaseOverviewTab final : public CaseSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseOverviewTab)
public:
    CaseOverviewTab(bool isSupervisor, const StaffNames& staff, QWidget* parent = nullptr);
    ~CaseOverviewTab() override;

    void load(const core::CaseRecord& record) override;
    void apply(core::CaseRecord& record) const override;
    QStringList problems() const override;
    // The record's facts that change without an edit here (after a save, a safeguarding action).
    void showFacts(const core::CaseRecord& record);

private:
    void checkMoney(QLineEdit* edit, QLabel* hint);
    QString moneyProblem(const QLineEdit* edit) const;

    bool m_isSupervisor;
    StaffNames m_staff;
    QLabel* m_reference;
    QComboBox* m_stage;
    QLineEdit* m_feeEarner;
    QLineEdit* m_supervisor;
    QComboBox* m_funding;
    QLineEdit* m_ateInsurer;
    std::map<core::ClaimLimb, QCheckBox*> m_limbs;
    QLineEdit* m_openedOn;
    QLineEdit* m_closedOn;
    DateInput* m_opened;
    DateInput* m_closed;
    QLineEdit* m_outcome;
    QLineEdit* m_damages;
    QLabel* m_damagesHint;
    QLineEdit* m_settlement;
    QLabel* m_settlementHint;
    QCheckBox* m_restricted;
    QLabel* m_facts;
};

}  // namespace claimdesk::ui
