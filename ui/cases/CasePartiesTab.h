#pragma once

#include "ui/cases/CaseSection.h"

#include <vector>

class QComboBox;
class QLineEdit;
class QLabel;

namespace claimdesk::ui {

// Parties: the people and organisations on the case (abusers, institutions, insurers, experts …) with
// their aliases, a table and a form for the selected one.
class CasePartiesTab final : public TableSection {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CasePartiesTab)
public:
    explicit CasePartiesTab(QWidget* parent = nullptr);
    ~CasePartiesTab() override;

    void load(const core::CaseRecord& record) override;
    void apply(core::CaseRecord& record) const override;
    QStringList problems() const override;

private:
    int itemCount() const override { return static_cast<int>(m_parties.size()); }
    QStringList cells(int row) const override;
    void showItem() override;
    void storeForm() override;
    void appendItem() override { m_parties.emplace_back(); }
    void eraseItem(int row) override { m_parties.erase(m_parties.begin() + row); }
    QWidget* firstField() const override;
    void showNameHint(const core::CaseParty& party);

    std::vector<core::CaseParty> m_parties;

    QLineEdit* m_name;
    QLabel* m_nameHint;
    QComboBox* m_kind;
    QComboBox* m_role;
    QLineEdit* m_aliases;
};

}  // namespace claimdesk::ui
