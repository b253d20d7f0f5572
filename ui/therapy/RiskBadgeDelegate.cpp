#include "ui/therapy/RiskBadgeDelegate.h"

#include "ui/therapy/TherapyRequestModel.h"
#include "ui/therapy/TherapyText.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace claimdesk::ui {

namespace {

constexpr int kPadding = 7;

QFont badgeFont(const QFont& base)
{
    QFont font = base;
    font.setPointSizeF(font.pointSizeF() > 0 ? font.pointSizeF() * 0.85 : 8.0);
    font.setWeight(QFont::DemiBold);
    return font;
}

RiskBadge badgeFor(const QModelIndex& index)
{
    return riskBadge(static_cast<core::therapy::RiskLevel>(index.data(TherapyRequestModel::RiskRole).toInt()));
}

}  // namespace

RiskBadgeDelegate::RiskBadgeDelegate(QObject* parent) : QStyledItemDelegate(parent) { }

void RiskBadgeDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget* widget = option.widget;
    QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const RiskBadge badge = badgeFor(index);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont font = badgeFont(option.font);
    painter->setFont(font);
    const QFontMetrics metrics(font);
    const int height = metrics.height() + 2;
    const int width = std::min(metrics.horizontalAdvance(badge.label) + 2 * kPadding, option.rect.width() - 6);
    const int x = option.rect.left() + 4;
    const int y = option.rect.top() + (option.rect.height() - height) / 2;
    if (badge.fill.isValid()) {
        QPainterPath path;
        path.addRoundedRect(QRectF(x + 0.5, y + 0.5, width - 1, height - 1), height / 2.0, height / 2.0);
        painter->fillPath(path, badge.fill);
        if (badge.text != Qt::white) {
            painter->setPen(QPen(badge.text.lighter(170), 1));
            painter->drawPath(path);
        }
    }
    painter->setPen(badge.text);
    painter->drawText(QRect(x, y, width, height), Qt::AlignCenter,
                      metrics.elidedText(badge.label, Qt::ElideRight, width - 2 * kPadding + 2));
    painter->restore();
}

QSize RiskBadgeDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics metrics(badgeFont(option.font));
    size.setWidth(std::max(size.width(), metrics.horizontalAdvance(badgeFor(index).label) + 2 * kPadding + 10));
    return size;
}

}  // namespace claimdesk::ui
