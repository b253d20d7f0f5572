#include "ui/therapy/TherapyProviderModel.h"

#include "ui/cases/CaseText.h"
#include "ui/therapy/TherapyText.h"

#include <QBrush>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QPalette>

namespace claimdesk::ui {

using core::therapy::Provider;

TherapyProviderModel::TherapyProviderModel(QObject* parent) : QAbstractTableModel(parent) { }

int TherapyProviderModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TherapyProviderModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TherapyProviderModel::bankText(const Provider& p, const std::function<QString(const QString&)>& nameOf)
{
    if (!p.hasBankDetails()) {
        return QCoreApplication::translate("TherapyProviderModel", "No bank details");
    }
    if (!p.bankVerified()) {
        return QCoreApplication::translate("TherapyProviderModel", "Not verified — call back before paying");
    }
    const QString who = nameOf ? nameOf(p.bankVerifiedBy) : p.bankVerifiedBy;
    return QCoreApplication::translate("TherapyProviderModel", "Verified by %1, %2")
        .arg(who, ukDate(p.bankVerifiedAtUtc.toLocalTime().date()));
}

QVariant TherapyProviderModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Provider& p = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case Name: return p.active || role == SortRole ? p.name : tr("%1 (inactive)").arg(p.name);
        case Organisation: return p.organisation;
        case Registration:
            return QStringList {p.professionalBody, p.registrationNumber}.join(QLatin1Char(' ')).trimmed();
        case Contact: return QString(p.contact).replace(QLatin1Char('\n'), QStringLiteral("; "));
        case Terms:
            return role == SortRole ? QVariant(p.paymentTermsDays)
                                    : QVariant(p.paymentTermsDays == 1 ? tr("1 day") : tr("%1 days").arg(p.paymentTermsDays));
        case Bank:
            return role == SortRole ? QVariant(p.bankVerified() ? 2 : p.hasBankDetails() ? 1 : 0)
                                    : QVariant(bankText(p, m_nameOf));
        default: return {};
        }
    case Qt::ForegroundRole:
        if (index.column() == Bank && p.hasBankDetails() && !p.bankVerified()) {
            return QBrush(unverifiedAmber());
        }
        if (!p.active) {
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Bank && p.hasBankDetails()) {
            return tr("%1, sort code %2, account ending %3. Entered by %4.")
                .arg(p.bankAccountName, p.bankSortCode, p.bankAccountNumber.right(4),
                     m_nameOf ? m_nameOf(p.bankEnteredBy) : p.bankEnteredBy);
        }
        return {};
    default: return {};
    }
}

QVariant TherapyProviderModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case Name: return tr("Therapist");
    case Organisation: return tr("Organisation");
    case Registration: return tr("Registration");
    case Contact: return tr("Contact");
    case Terms: return tr("Terms");
    case Bank: return tr("Bank details");
    default: return {};
    }
}

void TherapyProviderModel::setProviders(std::vector<Provider> providers)
{
    beginResetModel();
    m_rows = std::move(providers);
    endResetModel();
}

void TherapyProviderModel::clear()
{
    setProviders({});
}

const Provider* TherapyProviderModel::providerAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<std::size_t>(row)] : nullptr;
}

}  // namespace claimdesk::ui
