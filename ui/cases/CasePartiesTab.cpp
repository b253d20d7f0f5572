#include "ui/cases/CasePartiesTab.h"

#include "ui/cases/CaseText.h"
#include "ui/common/Typography.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace claimdesk::ui {

namespace {
enum Column { Name, Kind, Role, Aliases, ColumnCount };
}

CasePartiesTab::CasePartiesTab(QWidget* parent) : CaseSection(parent)
{
    setObjectName(QStringLiteral("partiesTab"));
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("partiesTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Person or organisation"), tr("Role on this case"), tr("Also known as")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setColumnWidth(Name, 260);
    m_table->setColumnWidth(Kind, 170);
    m_table->setColumnWidth(Role, 170);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int current) { select(current); });

    m_add = new QPushButton(tr("&Add party"), this);
    m_add->setObjectName(QStringLiteral("addPartyButton"));
    m_remove = new QPushButton(tr("&Remove from case"), this);
    m_remove->setObjectName(QStringLiteral("removePartyButton"));
    connect(m_add, &QPushButton::clicked, this, &CasePartiesTab::addParty);
    connect(m_remove, &QPushButton::clicked, this, &CasePartiesTab::removeParty);

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

    auto changed = [this] {
        if (m_loading) {
            return;
        }
        storeForm();
        refreshRow(m_current);
        emit edited();
    };
    connect(m_name, &QLineEdit::textEdited, this, changed);
    connect(m_aliases, &QLineEdit::textEdited, this, changed);
    connect(m_kind, &QComboBox::activated, this, changed);
    connect(m_role, &QComboBox::activated, this, changed);
    showParty();
}

CasePartiesTab::~CasePartiesTab() = default;

void CasePartiesTab::load(const core::CaseRecord& record)
{
    m_parties = record.parties;
    m_current = -1;
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(static_cast<int>(m_parties.size()));
        for (int r = 0; r < m_table->rowCount(); ++r) {
            refreshRow(r);
        }
    }
    select(m_parties.empty() ? -1 : 0);
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

void CasePartiesTab::select(int row)
{
    if (row == m_current && row >= 0) {
        return;
    }
    m_current = row;
    showParty();
    if (row >= 0 && m_table->currentRow() != row) {
        const QSignalBlocker block(m_table);
        m_table->selectRow(row);
    }
}

void CasePartiesTab::showParty()
{
    const bool has = m_current >= 0 && m_current < static_cast<int>(m_parties.size());
    m_form->setEnabled(has);
    m_remove->setEnabled(has);
    m_empty->setVisible(m_parties.empty());
    m_loading = true;
    const core::CaseParty blank;
    const core::CaseParty& p = has ? m_parties[static_cast<std::size_t>(m_current)] : blank;
    m_name->setText(p.party.name);
    m_kind->setCurrentIndex(m_kind->findData(static_cast<int>(p.party.kind)));
    m_role->setCurrentIndex(m_role->findData(static_cast<int>(p.role)));
    m_aliases->setText(form::joinList(p.party.aliases));
    const bool missing = has && p.party.name.trimmed().isEmpty();
    m_nameHint->setText(missing ? tr("Enter a name.") : QString());
    m_nameHint->setVisible(missing);
    m_loading = false;
}

void CasePartiesTab::storeForm()
{
    if (m_current < 0 || m_current >= static_cast<int>(m_parties.size())) {
        return;
    }
    core::CaseParty& p = m_parties[static_cast<std::size_t>(m_current)];
    p.party.name = m_name->text();
    p.party.kind = static_cast<core::PartyKind>(m_kind->currentData().toInt());
    p.role = static_cast<core::PartyRole>(m_role->currentData().toInt());
    p.party.aliases = form::splitList(m_aliases->text());
    const bool missing = p.party.name.trimmed().isEmpty();
    m_nameHint->setText(missing ? tr("Enter a name.") : QString());
    m_nameHint->setVisible(missing);
}

void CasePartiesTab::refreshRow(int r)
{
    if (r < 0 || r >= static_cast<int>(m_parties.size())) {
        return;
    }
    const core::CaseParty& p = m_parties[static_cast<std::size_t>(r)];
    const QStringList cells {p.party.name.trimmed(), partyKindName(p.party.kind), partyRoleName(p.role),
                             form::joinList(p.party.aliases)};
    for (int c = 0; c < ColumnCount; ++c) {
        auto* item = m_table->item(r, c);
        if (item == nullptr) {
            item = new QTableWidgetItem;
            m_table->setItem(r, c, item);
        }
        item->setText(cells.value(c));
    }
}

void CasePartiesTab::addParty()
{
    m_parties.push_back({});
    const int r = static_cast<int>(m_parties.size()) - 1;
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(r + 1);
        refreshRow(r);
    }
    select(r);
    m_name->setFocus();
    emit edited();
}

void CasePartiesTab::removeParty()
{
    if (m_current < 0 || m_current >= static_cast<int>(m_parties.size())) {
        return;
    }
    const int r = m_current;
    m_parties.erase(m_parties.begin() + r);
    m_current = -1;
    {
        const QSignalBlocker block(m_table);
        m_table->removeRow(r);
    }
    select(m_parties.empty() ? -1 : std::min(r, static_cast<int>(m_parties.size()) - 1));
    emit edited();
}

}  // namespace claimdesk::ui
