#include "ui/audit/AuditTableModel.h"

#include "ui/common/ErrorText.h"

#include "audit/AuditService.h"
#include "deadlines/DateRules.h"

namespace claimdesk::ui {

AuditTableModel::AuditTableModel(QObject* parent) : QAbstractTableModel(parent)
{
}

AuditTableModel::~AuditTableModel() = default;

QString AuditTableModel::localTime(const QDateTime& utc)
{
    if (!utc.isValid()) {
        return {};
    }
    const QDateTime local = utc.toLocalTime();
    return core::deadlines::ukShortDate(local.date()) + QLatin1Char(' ') + local.time().toString(QStringLiteral("HH:mm:ss"));
}

std::optional<core::Error> AuditTableModel::reset(PageSource source, int pageSize)
{
    m_resetting = true;
    beginResetModel();
    m_source = std::move(source);
    m_pageSize = pageSize;
    m_entries.clear();
    m_more = false;
    std::optional<core::Error> error;
    if (m_source) {
        auto page = m_source(0, m_pageSize);
        if (page) {
            m_entries = std::move(page->entries);
            m_more = page->more;
        } else {
            error = page.error();
        }
    }
    // A view may ask for more while it handles modelReset (it is still at the bottom): not inside the reset.
    endResetModel();
    m_resetting = false;
    return error;
}

void AuditTableModel::clear()
{
    beginResetModel();
    m_source = nullptr;
    m_entries.clear();
    m_entries.shrink_to_fit();
    m_more = false;
    endResetModel();
}

int AuditTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int AuditTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool AuditTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && m_more && m_source && !m_entries.empty() && !m_resetting;
}

void AuditTableModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent)) {
        return;
    }
    auto page = m_source(m_entries.back().id, m_pageSize);
    if (!page) {
        if (page.error().code == core::ErrorCode::VaultBusy) {
            return;  // a background task holds the vault for a moment: the next scroll asks again
        }
        m_more = false;  // do not ask again on every scroll; the window says what happened
        emit pageFailed(describe(page.error()));
        return;
    }
    m_more = page->more;
    if (page->entries.empty()) {
        return;
    }
    const int first = static_cast<int>(m_entries.size());
    m_resetting = true;  // nor inside this insertion's signals (a view or a tester may ask for the next page)
    beginInsertRows({}, first, first + static_cast<int>(page->entries.size()) - 1);
    m_entries.insert(m_entries.end(), std::make_move_iterator(page->entries.begin()),
                     std::make_move_iterator(page->entries.end()));
    endInsertRows();
    m_resetting = false;
}

const core::AuditEntry* AuditTableModel::entryAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_entries.size()) ? &m_entries[static_cast<size_t>(row)] : nullptr;
}

QVariant AuditTableModel::data(const QModelIndex& index, int role) const
{
    const core::AuditEntry* e = index.isValid() ? entryAt(index.row()) : nullptr;
    if (e == nullptr) {
        return {};
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Entry: return e->id;
        case Time: return e->atUtc;
        default: break;
        }
        role = Qt::DisplayRole;
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Entry: return QString::number(e->id);
        case Time: return localTime(e->atUtc);
        case User: return e->username;
        case Action: return e->action;
        case Entity: return e->entity;
        case EntityId: return e->entityId;
        case Summary: return core::AuditService::detailsLine(*e, 160);
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Summary) {
        return core::AuditService::detailsLine(*e, 600);
    }
    if (role == Qt::ToolTipRole && index.column() == Time) {
        return tr("%1 UTC").arg(e->atUtc.toUTC().toString(Qt::ISODateWithMs));
    }
    if (role == Qt::TextAlignmentRole && index.column() == Entry) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Entry: return tr("Entry");
    case Time: return tr("When (local time)");
    case User: return tr("User");
    case Action: return tr("Action");
    case Entity: return tr("About");
    case EntityId: return tr("Reference / id");
    case Summary: return tr("Details");
    default: return {};
    }
}

}  // namespace claimdesk::ui
