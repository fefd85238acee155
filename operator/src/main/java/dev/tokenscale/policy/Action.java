package dev.tokenscale.policy;

public enum Action {
    SCALE_UP("scale_up"),
    SCALE_DOWN("scale_down"),
    NONE("none");

    private final String key;

    Action(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
