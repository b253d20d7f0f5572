#pragma once

#include "ui/cases/CaseSection.h"

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace claimdesk::ui {

class DateInput;

// Incidents: a table of what happened and when (as precisely as it is known), with the age at the time
// derived from the date of birth, and a form for the selected incident. What is typed into a date is kept
// per incident exactly as typed, even while it is not yet a valid date.
class CaseIncidentsTab final : public CaseSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseIncidentsTab)
public:
    explicit CaseIncidentsTab(QWidget* parent = nullptr);
    ~CaseIncidentsTab() override;

    void load(const core::CaseRecord& record) override;
    void apply(core::CaseRecord& record) const override;
    QStringList problems() const override;
    void setDateOfBirth(const QDate& dateOfBirth);

    QTableWidget* table() const { return m_table; }

private:
    struct Draft {
        core::Incident incident;
        QString startText;
        QString endText;
        QString policeDateText;
    };
    void select(int row);
    void showDraft();
    void storeForm();  // the form -> m_drafts[m_current]
    void refreshRow(int row);
    void addIncident();
    void removeIncident();
    core::Incident resolved(const Draft& draft) const;  // the draft with its typed dates parsed
    QStringList problemsOf(const Draft& draft) const;
    void updateAge();

    std::vector<Draft> m_drafts;
    int m_current = -1;
    bool m_loading = false;
    QDate m_dateOfBirth;

    QTableWidget* m_table;
    QPushButton* m_add;
    QPushButton* m_remove;
    QWidget* m_form;
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
    QLabel* m_empty;
};

}  // namespace claimdesk::ui
