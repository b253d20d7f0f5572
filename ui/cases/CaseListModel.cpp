#include "ui/cases/CaseListModel.h"

#include "ui/cases/CaseText.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

#include <algorithm>
#include <limits>
#include <numeric>

namespace claimdesk::ui {

namespace {

// Case- and accent-folded, for sorting names the way people read them ("Müller" with "Muller").
QString folded(const QString& text)
{
    QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : std::as_const(decomposed)) {
        if (c.category() != QChar::Mark_NonSpacing) {
            out += c;
        }
    }
    return out.toCaseFolded();
}

qint64 deadlineKey(const QDate& date)
{
    return date.isValid() ? date.toJulianDay() : std::numeric_limits<qint64>::max();  // none: last
}

int stageKey(const core::CaseSummary& s)
{
    return s.restrictedPlaceholder ? -1 : static_cast<int>(s.stage);
}

int compareStrings(const QString& a, const QString& b)
{
    return a.compare(b);
}

QColor deadlineColour(qint64 days)
{
    if (days <= 7) {
        return QColor(0xa1, 0x1d, 0x12);  // a week or less, or overdue
    }
    if (days <= 28) {
        return QColor(0x8a, 0x5a, 0x00);  // within four weeks
    }
    return {};
}

// Each row's place in reference order, so sorting compares integers.
std::vector<int> referenceRanks(const std::vector<CaseListModel::SortKeys>& keys)
{
    std::vector<int> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&keys](int a, int b) {
        return keys[static_cast<std::size_t>(a)].reference < keys[static_cast<std::size_t>(b)].reference;
    });
    std::vector<int> rank(keys.size(), 0);
    for (std::size_t i = 0; i < order.size(); ++i) {
        rank[static_cast<std::size_t>(order[i])] = static_cast<int>(i);
    }
    return rank;
}

}  // namespace

CaseListModel::CaseListModel(QObject* parent) : QAbstractTableModel(parent), m_today(QDate::currentDate())
{
}

int CaseListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_cases.size());
}

int CaseListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int CaseListModel::flagsOf(const core::CaseSummary& s)
{
    int flags = 0;
    if (s.safeguardingAlert) {
        flags |= SafeguardingFlag;
    }
    if (s.restricted || s.restrictedPlaceholder) {
        flags |= RestrictedFlag;
    }
    if (s.limitationUnverified && !s.restrictedPlaceholder) {
        flags |= LimitationUnverifiedFlag;
    }
    return flags;
}

CaseListModel::SortKeys CaseListModel::keysFor(const core::CaseSummary& s)
{
    SortKeys keys;
    // "BBK-2026-0042" -> "BBK|2026|0000000042"; anything else (an imported reference) sorts as written.
    static const QRegularExpression pattern(QStringLiteral("^(.*)-(\\d{4})-(\\d+)$"));
    if (const auto m = pattern.match(s.reference); m.hasMatch()) {
        keys.reference = m.captured(1).toCaseFolded() + QLatin1Char('|') + m.captured(2) + QLatin1Char('|')
                         + m.captured(3).rightJustified(10, QLatin1Char('0'));
    } else {
        keys.reference = s.reference.toCaseFolded();
    }
    if (!s.restrictedPlaceholder) {
        keys.client = folded(s.clientName);
        keys.initials = s.clientInitials.toCaseFolded();
        keys.feeEarner = folded(s.feeEarnerName);
    }
    return keys;
}

QVariant CaseListModel::display(const core::CaseSummary& s, int column) const
{
    const QString none = QStringLiteral("—");
    if (s.restrictedPlaceholder) {
        switch (column) {
        case Reference: return s.reference;
        case Client: return tr("Restricted case");
        case Flags: return tr("Restricted");
        default: return none;
        }
    }
    switch (column) {
    case Reference: return s.reference;
    case Client: return m_privacy ? s.clientInitials : s.clientName;
    case Stage: return stageName(s.stage);
    case FeeEarner: return s.feeEarnerName.isEmpty() ? s.feeEarner : s.feeEarnerName;
    case NextDeadline:
        if (!s.nextDeadline.isValid()) {
            return none;
        }
        return tr("%1 · %2").arg(ukDate(s.nextDeadline), daysLeft(s.nextDeadline, m_today));
    case Flags: {
        QStringList words;
        const int flags = flagsOf(s);
        if (flags & SafeguardingFlag) {
            words << tr("Safeguarding");
        }
        if (flags & RestrictedFlag) {
            words << tr("Restricted");
        }
        if (flags & LimitationUnverifiedFlag) {
            words << tr("Limitation unverified");
        }
        return words.join(QStringLiteral(", "));
    }
    default: return {};
    }
}

QVariant CaseListModel::sortValue(const core::CaseSummary& s, int column) const
{
    const SortKeys& keys = m_keys[static_cast<std::size_t>(&s - m_cases.data())];
    switch (column) {
    case Reference: return keys.reference;
    case Client: return m_privacy ? keys.initials : keys.client;
    case Stage: return stageKey(s);
    case FeeEarner: return keys.feeEarner;
    case NextDeadline: return deadlineKey(s.restrictedPlaceholder ? QDate() : s.nextDeadline);
    case Flags: return flagsOf(s);
    default: return {};
    }
}

QVariant CaseListModel::toolTip(const core::CaseSummary& s, int column) const
{
    if (s.restrictedPlaceholder) {
        return tr("Restricted case %1. Only its fee earner, its supervisor and the people named on it can open it. "
                  "Ask a supervisor if you need access.")
            .arg(s.reference);
    }
    if (column == Flags) {
        QStringList lines;
        const int flags = flagsOf(s);
        if (flags & SafeguardingFlag) {
            lines << tr("Safeguarding: a serious risk was recorded. A supervisor must review it and record the "
                        "action taken.");
        }
        if (flags & RestrictedFlag) {
            lines << tr("Restricted: only its fee earner, its supervisor and the people named on it can open it.");
        }
        if (flags & LimitationUnverifiedFlag) {
            lines << tr("Limitation unverified: nobody has yet checked when the limitation period ends.");
        }
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
    }
    if (column == NextDeadline && !s.nextDeadline.isValid()) {
        return tr("No deadline recorded yet.");
    }
    if (column == NextDeadline) {
        return s.nextDeadlineLabel.isEmpty() ? QVariant() : QVariant(s.nextDeadlineLabel);
    }
    if (column == Client && m_privacy) {
        return tr("Privacy mode is on: names are shown as initials (Ctrl+Shift+P).");
    }
    return {};
}

QVariant CaseListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const core::CaseSummary& s = m_cases[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return display(s, column);
    case Qt::AccessibleTextRole: return display(s, column);
    case SortRole: return sortValue(s, column);
    case CaseIdRole: return s.id;
    case OpenableRole: return !s.restrictedPlaceholder;
    case FlagsRole: return flagsOf(s);
    case Qt::ToolTipRole: return toolTip(s, column);
    case Qt::ForegroundRole:
        if (s.restrictedPlaceholder) {
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        }
        if (column == NextDeadline && s.nextDeadline.isValid()) {
            if (const QColor colour = deadlineColour(m_today.daysTo(s.nextDeadline)); colour.isValid()) {
                return QBrush(colour);
            }
        }
        break;
    case Qt::FontRole:
        if (s.restrictedPlaceholder && column == Client) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        break;
    default: break;
    }
    return {};
}

QVariant CaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Reference: return tr("Reference");
    case Client: return tr("Client");
    case Stage: return tr("Stage");
    case FeeEarner: return tr("Fee earner");
    case NextDeadline: return tr("Next deadline");
    case Flags: return tr("Flags");
    default: return {};
    }
}

CaseListModel::Prepared CaseListModel::prepare(std::vector<core::CaseSummary> cases)
{
    Prepared p;
    p.cases = std::move(cases);
    p.keys.reserve(p.cases.size());
    for (const core::CaseSummary& s : p.cases) {
        p.keys.push_back(keysFor(s));
    }
    p.referenceRank = referenceRanks(p.keys);
    return p;
}

void CaseListModel::setCases(std::vector<core::CaseSummary> cases)
{
    setPrepared(prepare(std::move(cases)));
}

void CaseListModel::setPrepared(Prepared prepared)
{
    beginResetModel();
    m_cases = std::move(prepared.cases);
    m_keys = std::move(prepared.keys);
    m_referenceRank = std::move(prepared.referenceRank);
    endResetModel();
}

void CaseListModel::updateCase(const core::CaseSummary& summary)
{
    const int row = rowOf(summary.id);
    if (row < 0) {
        const int at = rowCount();
        beginInsertRows({}, at, at);
        m_cases.push_back(summary);
        m_keys.push_back(keysFor(summary));
        rankReferences();
        endInsertRows();
        return;
    }
    const bool sameReference = m_cases[static_cast<std::size_t>(row)].reference == summary.reference;
    m_cases[static_cast<std::size_t>(row)] = summary;
    m_keys[static_cast<std::size_t>(row)] = keysFor(summary);
    if (!sameReference) {
        rankReferences();
    }
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void CaseListModel::clear()
{
    if (m_cases.empty()) {
        return;
    }
    beginRemoveRows({}, 0, rowCount() - 1);
    m_cases.clear();
    m_keys.clear();
    m_referenceRank.clear();
    m_cases.shrink_to_fit();
    m_keys.shrink_to_fit();
    m_referenceRank.shrink_to_fit();
    endRemoveRows();
}

const core::CaseSummary* CaseListModel::caseAt(int row) const
{
    if (row < 0 || row >= rowCount()) {
        return nullptr;
    }
    return &m_cases[static_cast<std::size_t>(row)];
}

int CaseListModel::rowOf(qint64 caseId) const
{
    for (std::size_t i = 0; i < m_cases.size(); ++i) {
        if (m_cases[i].id == caseId) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

void CaseListModel::setPrivacyMode(bool on)
{
    if (m_privacy == on) {
        return;
    }
    m_privacy = on;
    if (!m_cases.empty()) {
        emit dataChanged(index(0, Client), index(rowCount() - 1, Client),
                         {Qt::DisplayRole, Qt::AccessibleTextRole, Qt::ToolTipRole, SortRole});
    }
}

void CaseListModel::setToday(const QDate& today)
{
    m_today = today;
    if (!m_cases.empty()) {
        emit dataChanged(index(0, NextDeadline), index(rowCount() - 1, NextDeadline));
    }
}

bool CaseListModel::lessThan(int leftRow, int rightRow, int column) const
{
    const auto l = static_cast<std::size_t>(leftRow);
    const auto r = static_cast<std::size_t>(rightRow);
    const core::CaseSummary& a = m_cases[l];
    const core::CaseSummary& b = m_cases[r];
    const SortKeys& ka = m_keys[l];
    const SortKeys& kb = m_keys[r];
    int c = 0;
    switch (column) {
    case Reference: break;  // the rank below
    case Client: c = m_privacy ? compareStrings(ka.initials, kb.initials) : compareStrings(ka.client, kb.client); break;
    case Stage: c = stageKey(a) - stageKey(b); break;
    case FeeEarner: c = compareStrings(ka.feeEarner, kb.feeEarner); break;
    case NextDeadline: {
        const qint64 da = deadlineKey(a.restrictedPlaceholder ? QDate() : a.nextDeadline);
        const qint64 db = deadlineKey(b.restrictedPlaceholder ? QDate() : b.nextDeadline);
        c = da < db ? -1 : (da > db ? 1 : 0);
        break;
    }
    case Flags: c = flagsOf(a) - flagsOf(b); break;
    default: break;
    }
    if (c != 0) {
        return c < 0;
    }
    return m_referenceRank[l] < m_referenceRank[r];
}

void CaseListModel::rankReferences()
{
    m_referenceRank = referenceRanks(m_keys);
}

}  // namespace claimdesk::ui
