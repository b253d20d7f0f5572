#include "ui/cases/CasePartiesTab.h"

#include "ui/cases/CaseText.h"
#include "ui/common/Typography.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace {
enum Column { Name, Kind, Role, Aliases, ColumnCount };
}

CasePartiesTab::CasePartiesTab(QWidget* parent) : TableSection(parent)
{
    setObjectName(QStringLiteral("partiesTab"));
    setUpTable(QStringLiteral("partiesTable"),
               {tr("Name"), tr("Person or organisation"), tr("Role on this case"), tr("Also known as")},
               tr("&Add party"), QStringLiteral("addPartyButton"), tr("&Remove from case"),
               QStringLiteral("removePartyButton"));
    m_table->setColumnWidth(Name, 260);
    m_table->setColumnWidth(Kind, 170);
    m_table->setColumnWidth(Role, 170);

    auto* box = new QGroupBox(tr("Selected party"), this);
    m_form = box;
    m_name = form::line(box, QStringLiteral("partyNameEdit"));
    m_nameHint = form::hint(box);
    m_kind = new QComboBox(box);
    m_kind->setObjectName(QStringLiteral("partyKindComboBox"));
    m_kind->addItem(partyKindName(core::PartyKind::Person), static_cast<int>(core::PartyKind::Person));
    m_kind->addItem(partyKindName(core::PartyKind::Organisation), static_cast<int>(core::PartyKind::Organisation));
    m_role = new QComboBox(box);
    m_role->setObjectName(QStringLiteral("partyRoleComboBox"));
    for (core::PartyRole role : kAllPartyRoles) {
        m_role->addItem(partyRoleName(role), static_cast<int>(role));
    }
    m_aliases = form::line(box, QStringLiteral("partyAliasesEdit"));
    m_aliases->setPlaceholderText(tr("Other names, separated by commas"));
    QFormLayout* formLayout = form::formLayout(box);
    formLayout->addRow(tr("&Name:"), form::withHint(m_name, m_nameHint));
    formLayout->addRow(tr("&Kind:"), m_kind);
    formLayout->addRow(tr("R&ole:"), m_role);
    formLayout->addRow(tr("Also &known as:"), m_aliases);

    m_empty = new QLabel(tr("No parties on this case yet."), this);
    makeSecondary(m_empty);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty);
    layout->addLayout(buttons);
    layout->addWidget(box);

    connect(m_name, &QLineEdit::textEdited, this, &CasePartiesTab::formEdited);
    connect(m_aliases, &QLineEdit::textEdited, this, &CasePartiesTab::formEdited);
    connect(m_kind, &QComboBox::activated, this, &CasePartiesTab::formEdited);
    connect(m_role, &QComboBox::activated, this, &CasePartiesTab::formEdited);
    select(-1);
}

CasePartiesTab::~CasePartiesTab() = default;

void CasePartiesTab::load(const core::CaseRecord& record)
{
    m_parties = record.parties;
    reloadRows();
}

void CasePartiesTab::apply(core::CaseRecord& record) const
{
    record.parties = m_parties;
}

QStringList CasePartiesTab::problems() const
{
    QStringList out;
    for (std::size_t n = 0; n < m_parties.size(); ++n) {
        if (m_parties[n].party.name.trimmed().isEmpty()) {
            out << tr("Party %1: enter a name, or remove it from the case.").arg(n + 1);
        }
    }
    return out;
}

QWidget* CasePartiesTab::firstField() const
{
    return m_name;
}

void CasePartiesTab::showNameHint(const core::CaseParty& party)
{
    const bool missing = hasCurrent() && party.party.name.trimmed().isEmpty();
    m_nameHint->setText(missing ? tr("Enter a name.") : QString());
    m_nameHint->setVisible(missing);
}

void CasePartiesTab::showItem()
{
    const core::CaseParty blank;
    const core::CaseParty& p = hasCurrent() ? m_parties[static_cast<std::size_t>(m_current)] : blank;
    m_name->setText(p.party.name);
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(p.party.kind)));
    m_role->setCurrentIndex(m_role->findData(static_cast<int>(p.role)));
    m_aliases->setText(form::joinList(p.party.aliases));
    showNameHint(p);
}

void CasePartiesTab::storeForm()
{
    if (!hasCurrent()) {
        return;
    }
    core::CaseParty& p = m_parties[static_cast<std::size_t>(m_current)];
    p.party.name = m_name->text();
    p.party.kind = static_cast<core::PartyKind>(m_kind->currentData().toInt());
    p.role = static_cast<core::PartyRole>(m_role->currentData().toInt());
    p.party.aliases = form::splitList(m_aliases->text());
    showNameHint(p);
}

QStringList CasePartiesTab::cells(int r) const
{
    const core::CaseParty& p = m_parties[static_cast<std::size_t>(r)];
    return {p.party.name.trimmed(), partyKindName(p.party.kind), partyRoleName(p.role),
            form::joinList(p.party.aliases)};
}

}  // namespace claimdesk::ui
