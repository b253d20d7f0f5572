#include "ui/deadlines/EventListModel.h"

#include "ui/cases/CaseText.h"
#include "ui/deadlines/DeadlineText.h"

#include <limits>

namespace claimdesk::ui {

using core::deadlines::CaseEvent;
using core::deadlines::Event;
using core::deadlines::EventType;

EventListModel::EventListModel(QObject* parent) : QAbstractTableModel(parent) { }

int EventListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EventListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventListModel::whenText(const Event& e)
{
    if (e.at) {
        return tr("%1, %2").arg(e.at->time().toString(QStringLiteral("HH:mm")), ukDate(e.at->date()));
    }
    if (e.date) {
        return ukDate(*e.date);
    }
    if (e.type == EventType::StandstillAgreed && e.expiresOn) {
        return tr("until %1").arg(ukDate(*e.expiresOn));
    }
    return {};
}

QVariant EventListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CaseEvent& c = m_rows[static_cast<std::size_t>(index.row())];
    const Event& e = c.event;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case When:
            return whenText(e);
        case Type: {
            QString text = eventTypeName(e.type);
            if (e.type == EventType::DefenceExtensionAgreed) {
                text = tr("%1 (%n day(s))", nullptr, e.days).arg(text);
            } else if (e.type == EventType::Part36OfferSent) {
                text = tr("%1 (relevant period %n day(s))", nullptr, e.relevantPeriodDays).arg(text);
            } else if (e.type == EventType::ClaimFormServed && e.particularsIncluded) {
                text = tr("%1, with particulars").arg(text);
            }
            return text;
        }
        case Method:
            return e.method ? serviceMethodName(*e.method) : QString();
        case Note:
            return c.note;
        case RecordedBy: {
            const QString who = m_nameOf ? m_nameOf(c.recordedBy) : c.recordedBy;
            return c.recordedAtUtc.isValid() ? tr("%1, %2").arg(who, ukDate(c.recordedAtUtc.toLocalTime().date()))
                                             : who;
        }
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case When: {
            const QDateTime at = e.at ? *e.at
                : e.date              ? QDateTime(*e.date, QTime(0, 0))
                : e.expiresOn         ? QDateTime(*e.expiresOn, QTime(0, 0))
                                      : QDateTime();
            return at.isValid() ? at.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
        }
        case RecordedBy:
            return c.recordedAtUtc.toMSecsSinceEpoch();
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Note) {
        return c.note;
    }
    return {};
}

QVariant EventListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case When: return tr("Date / time");
    case Type: return tr("Event");
    case Method: return tr("Method");
    case Note: return tr("Note");
    case RecordedBy: return tr("Recorded by");
    default: return {};
    }
}

void EventListModel::setEvents(std::vector<CaseEvent> events)
{
    beginResetModel();
    m_rows = std::move(events);
    endResetModel();
}

void EventListModel::clear()
{
    setEvents({});
}

const CaseEvent* EventListModel::eventAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

}  // namespace claimdesk::ui
