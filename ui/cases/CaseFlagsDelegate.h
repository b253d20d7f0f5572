#pragma once

#include <QStyledItemDelegate>

namespace claimdesk::ui {

// Paints the case list's flags column as short badges: Safeguarding (solid red), Restricted (slate) and
// Limitation unverified (amber outline). The text itself stays in DisplayRole for tests and screen readers.
class CaseFlagsDelegate final : public QStyledItemDelegate {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CaseFlagsDelegate)
public:
    explicit CaseFlagsDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace claimdesk::ui
