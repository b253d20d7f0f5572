#pragma once

#include <QKeySequence>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <vector>

class QKeyEvent;
class QWidget;

namespace claimdesk::ui {

// The hide-screen key (issue 7, "Session safety"): blanks every ClaimDesk window at once, for the moment someone
// walks up to the desk or a screen is shared by mistake. hideScreen() lays a neutral cover over the contents of every
// top-level window (and of any window shown while hidden), sets their titles to plain "ClaimDesk", and, through an
// event filter on qApp, lets no keyboard, mouse, wheel, touch or tooltip event reach any widget. revealScreen()
// takes the covers away and restores the titles.
//
// While hidden, only two keys work: the hide key itself (which reveals: it is a privacy screen, not a lock, so it
// asks for no passphrase), and the keys given to setAllowedKeys (the lock key). Input on a hidden screen is not
// activity: the inactivity lock still runs out, and a lock reveals (AppController), so the person unlocks to see
// their windows again.
class ScreenHider final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScreenHider)
public:
    static QKeySequence defaultKey();  // Ctrl+Shift+H

    explicit ScreenHider(QObject* parent = nullptr);
    ~ScreenHider() override;

    void hideScreen();
    void revealScreen();
    void toggle();
    bool isHidden() const { return m_hidden; }

    QKeySequence key() const { return m_key; }
    void setAllowedKeys(const QList<QKeySequence>& keys);
    // True when the event is the hide key (for filters that see key presses while the screen is shown).
    bool isHideKey(const QKeyEvent& event) const;

    static QString coverText(const QKeySequence& key);  // what the cover says: no client data, ever

signals:
    void hiddenChanged(bool hidden);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Covered {
        QPointer<QWidget> window;
        QPointer<QWidget> cover;
        QString title;  // the window's own title, restored on reveal
    };
    void coverWindow(QWidget* window);
    Covered* coveredEntry(const QObject* window);
    void setTitle(QWidget* window, const QString& title);
    bool matchesAny(const QKeySequence& pressed) const;

    QKeySequence m_key;
    QList<QKeySequence> m_allowed;
    std::vector<Covered> m_covered;
    bool m_hidden = false;
    bool m_retitling = false;
};

}  // namespace claimdesk::ui
