#include "ui/cases/CaseFilterProxy.h"

#include "ui/cases/CaseListModel.h"

namespace claimdesk::ui {

CaseFilterProxy::CaseFilterProxy(CaseListModel* source, QObject* parent)
    : QSortFilterProxyModel(parent), m_source(source)
{
    setSourceModel(source);
    setSortRole(CaseListModel::SortRole);
    setDynamicSortFilter(true);
}

void CaseFilterProxy::setFilter(const core::CaseFilter& filter)
{
    m_filter = filter;
    m_filter.search.clear();  // search goes through setSearchHits (core's full-text index)
    rebuild();
}

void CaseFilterProxy::setCurrentUser(const QString& username)
{
    m_user = username;
    rebuild();
}

void CaseFilterProxy::setSearchHits(std::optional<QSet<qint64>> hits)
{
    m_hits = std::move(hits);
    rebuild();
}

void CaseFilterProxy::clear()
{
    m_filter = {};
    m_user.clear();
    m_hits.reset();
    rebuild();
}

void CaseFilterProxy::rebuild()
{
    // Not invalidateFilter(): with 100,000 rows its row-by-row insert and remove signals take seconds when a
    // search is cleared. Dropping the mapping and letting the proxy refilter and resort in one pass is fast.
    invalidate();
}

bool CaseFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid()) {
        return false;
    }
    const core::CaseSummary* summary = m_source->caseAt(sourceRow);
    return summary != nullptr && m_filter.matches(*summary, m_user, m_hits ? &*m_hits : nullptr);
}

bool CaseFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    return m_source->lessThan(left.row(), right.row(), left.column());
}

}  // namespace claimdesk::ui
