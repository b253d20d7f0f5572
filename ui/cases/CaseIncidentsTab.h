#pragma once

#include "ui/cases/CaseSection.h"

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace claimdesk::ui {

class DateInput;

// Incidents: a table of what happened and when (as precisely as it is known), with the age at the time
// derived from the date of birth, and a form for the selected incident. What is typed into a date is kept
// per incident exactly as typed, even while it is not yet a valid date.
class CaseIncidentsTab final : public TableSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseIncidentsTab)
public:
    explicit CaseIncidentsTab(QWidget* parent = nullptr);
    ~CaseIncidentsTab() override;

    void load(const core::CaseRecord& record) override;
    void apply(core::CaseRecord& record) const override;
    QStringList problems() const override;
    void setDateOfBirth(const QDate& dateOfBirth);

private:
    struct Draft {
        core::Incident incident;
        QString startText;
        QString endText;
        QString policeDateText;
    };
    int itemCount() const override { return static_cast<int>(m_drafts.size()); }
    QStringList cells(int row) const override;
    void decorateRow(int row) override;  // a row with a problem is red, the problem in its tooltip
    void showItem() override;
    void storeForm() override;
    void appendItem() override { m_drafts.emplace_back(); }
    void eraseItem(int row) override { m_drafts.erase(m_drafts.begin() + row); }
    QWidget* firstField() const override;
    core::Incident resolved(const Draft& draft) const;  // the draft with its typed dates parsed
    QStringList problemsOf(const Draft& draft) const;
    void updateAge();

    std::vector<Draft> m_drafts;
    QDate m_dateOfBirth;

    QLineEdit* m_startEdit;
    QComboBox* m_startPrecision;
    DateInput* m_start;
    QLineEdit* m_endEdit;
    QComboBox* m_endPrecision;
    DateInput* m_end;
    QLabel* m_age;
    QLineEdit* m_types;
    QLineEdit* m_location;
    QComboBox* m_region;
    QLineEdit* m_perpetrators;
    QLineEdit* m_institutions;
    QCheckBox* m_reported;
    QLineEdit* m_policeDateEdit;
    DateInput* m_policeDate;
    QLineEdit* m_force;
    QLineEdit* m_crimeReference;
    QLineEdit* m_prosecution;
};

}  // namespace claimdesk::ui
