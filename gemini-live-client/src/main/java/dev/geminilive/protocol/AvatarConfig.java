package dev.geminilive.protocol;

/**
 * Avatar output settings (allowlisted).
 *
 * @param avatarName       a prebuilt avatar
 * @param customizedAvatar a custom avatar image
 * @param audioBitrateBps  audio bitrate
 * @param videoBitrateBps  video bitrate
 */
public record AvatarConfig(String avatarName, CustomizedAvatar customizedAvatar, Integer audioBitrateBps, Integer videoBitrateBps) {

    /**
     * @param imageMimeType type of the image
     * @param imageData     base64 image
     */
    public record CustomizedAvatar(String imageMimeType, String imageData) {
    }
}
