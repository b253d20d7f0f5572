#pragma once

#include <QStyledItemDelegate>

namespace claimdesk::ui {

// Draws a request's risk level (TherapyRequestModel::RiskRole) as a badge: serious risk as the case list's red
// "Safeguarding" badge, risk noted in amber, none disclosed in green, not screened as muted text.
class RiskBadgeDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RiskBadgeDelegate)
public:
    explicit RiskBadgeDelegate(QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace claimdesk::ui
