#include "ui/cases/CaseFlagsDelegate.h"

#include "ui/cases/CaseListModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace claimdesk::ui {

namespace {

struct Badge {
    QString text;
    QColor fill;    // invalid: outline only
    QColor colour;  // text and outline
};

QList<Badge> badgesFor(int flags)
{
    QList<Badge> badges;
    if (flags & CaseListModel::SafeguardingFlag) {
        badges.append({CaseFlagsDelegate::tr("Safeguarding"), QColor(0xa1, 0x1d, 0x12), Qt::white});
    }
    if (flags & CaseListModel::RestrictedFlag) {
        badges.append({CaseFlagsDelegate::tr("Restricted"), QColor(0x4a, 0x55, 0x68), Qt::white});
    }
    if (flags & CaseListModel::LimitationUnverifiedFlag) {
        badges.append({CaseFlagsDelegate::tr("Limitation unverified"), QColor(0xfd, 0xf3, 0xe1), QColor(0x7a, 0x4e, 0x00)});
    }
    return badges;
}

constexpr int kPadding = 6;
constexpr int kGap = 5;

QFont badgeFont(const QFont& base)
{
    QFont font = base;
    font.setPointSizeF(font.pointSizeF() > 0 ? font.pointSizeF() * 0.85 : 8.0);
    font.setWeight(QFont::DemiBold);
    return font;
}

}  // namespace

CaseFlagsDelegate::CaseFlagsDelegate(QObject* parent) : QStyledItemDelegate(parent)
{
}

void CaseFlagsDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();  // the badges replace the text
    const QWidget* widget = option.widget;
    QStyle* style = widget != nullptr ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QList<Badge> badges = badgesFor(index.data(CaseListModel::FlagsRole).toInt());
    if (badges.isEmpty()) {
        return;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont font = badgeFont(option.font);
    painter->setFont(font);
    const QFontMetrics metrics(font);
    const int height = metrics.height() + 2;
    int x = option.rect.left() + 4;
    const int y = option.rect.top() + (option.rect.height() - height) / 2;
    for (const Badge& badge : badges) {
        const int width = metrics.horizontalAdvance(badge.text) + 2 * kPadding;
        if (x + width > option.rect.right()) {
            break;
        }
        const QRectF box(x + 0.5, y + 0.5, width - 1, height - 1);
        QPainterPath path;
        path.addRoundedRect(box, height / 2.0, height / 2.0);
        if (badge.fill.isValid()) {
            painter->fillPath(path, badge.fill);
        }
        if (badge.colour != Qt::white) {  // light badges get a thin border in their text colour
            painter->setPen(QPen(badge.colour.lighter(160), 1));
            painter->drawPath(path);
        }
        painter->setPen(badge.colour);
        painter->drawText(QRect(x, y, width, height), Qt::AlignCenter, badge.text);
        x += width + kGap;
    }
    painter->restore();
}

QSize CaseFlagsDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics metrics(badgeFont(option.font));
    int width = 8;
    for (const Badge& badge : badgesFor(index.data(CaseListModel::FlagsRole).toInt())) {
        width += metrics.horizontalAdvance(badge.text) + 2 * kPadding + kGap;
    }
    size.setWidth(std::max(size.width(), width));
    return size;
}

}  // namespace claimdesk::ui
