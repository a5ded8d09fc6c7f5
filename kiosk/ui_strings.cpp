// The kiosk's text tables: Simplified Chinese (what residents of Xuhui read) and English
// (for visitors and for staff checking a device). See ui_strings.h.
#include "ui_strings.h"

#include "clock.h"

namespace gongkai {

static UiStrings make_zh_cn() {
    UiStrings s;
    s.language = "zh-CN";
    s.line_break_lang = "zh";
    s.colon = "：";
    s.list_separator = "、";
    s.open_paren = "（";
    s.close_paren = "）";
    s.sentence_end = "。";
    s.crumb_separator = " › ";
    s.middle_dot = " · ";
    s.date_range = " — ";
    s.title_separator = " / ";
    s.back = "返回";
    s.home = "首页";
    s.app_title_suffix = "政务公开";
    s.home_hint = "请点选您要了解的领域";
    s.search_prompt = "搜索事项，如：低保、居住证";
    s.notices = "公告";
    s.items_suffix = "项";
    s.guide_tag = "办事指南";
    s.not_found = "没有找到这一项，可能已经更新。请返回首页重新查找。";
    s.stale = "本机信息可能不是最新，请以窗口工作人员说明为准。";
    s.search_title = "搜索";
    s.search_placeholder = "输入拼音或汉字";
    s.search_hint = "可以输入拼音全拼或首字母，例如：dibao 或 db（低保）、sfz（身份证）。";
    s.search_none = "没有找到。请换个说法试试，比如少打几个字。";
    s.search_unavailable = "搜索暂时不能用。请回到首页按领域查找。";
    s.list_unavailable = "这一类的事项暂时读不出来。请稍后再试，或请工作人员帮忙。";
    s.all_domains = "全部";
    s.also_called = "也叫：";
    s.key_clear = "清空";
    s.key_space = "空格";
    s.key_backspace = "删除";
    s.mode_pinyin = "拼音";
    s.mode_handwriting = "手写";
    s.pad_clear = "重写";
    s.pad_hint = "在方框里用手指写一个字，写完点上面的字";
    s.pinyin_hint = "打拼音，这里出汉字，点一下就输入";
    s.handwriting_unavailable = "手写暂时不能用，请用拼音";
    s.what = "这是什么";
    s.who = "谁可以办";
    s.bring = "要带什么";
    s.when_paid = "什么时候发";
    s.steps = "您要怎么做";
    s.where = "在哪里办、什么时候办";
    s.how_long = "多久办好";
    s.fee = "要不要钱";
    s.workflow = "交了材料以后：部门怎么办理";
    s.basis = "政策依据";
    s.contacts = "咨询电话";
    s.publishes = "这一项公开什么";
    s.when_published = "什么时候公开";
    s.who_publishes = "由谁公开";
    s.where_published = "在哪里可以看到";
    s.standard = "公开标准";
    s.related = "相关事项";
    s.guide_intro = "办事指南：";
    s.content_label = "公开内容";
    s.take_away = "扫码带走这一页";
    s.std_name = "公开事项";
    s.std_content = "公开内容（要素）";
    s.std_basis = "公开依据";
    s.std_time_limit = "公开时限";
    s.std_bodies = "公开主体";
    s.std_channels = "公开渠道和载体";
    s.std_audience = "公开对象";
    s.std_mode = "公开方式";
    s.std_tier = "公开层级";
    s.workflow_actor = "负责";
    s.workflow_time = "时限";
    s.gloss_audience_all = "所有人都可以看";
    s.gloss_audience_group = "只向相关的人公开";
    s.gloss_mode_active = "政府主动公开，不用申请";
    s.gloss_mode_request = "需要申请才会提供";
    s.gloss_tier_county = "区政府公开";
    s.gloss_tier_township = "街道、镇公开";
    s.services = "可以办理的事";
    s.more_info = "其他公开信息";
    s.key_facts = "办事要点";
    s.key_where = "在哪里办";
    s.ask_window = "详情请问窗口工作人员";
    s.help_title = "需要帮忙";
    s.hall_address = "地址";
    s.hall_hours = "开放时间";
    s.hall_windows = "窗口分工";
    s.hall_help = "帮办服务";
    s.need_help = "需要帮忙";
    s.hotline = "12345";
    s.hotline_line = "上海市民服务热线 12345，可以咨询、求助、投诉";
    s.next_steps = "您可以";
    s.ask_staff = "请工作人员帮忙";
    s.go_home = "回到首页";
    s.route_unknown = "这个页面不存在，可能已经更新。";
    s.notice_expired = "此公告已过期，内容仅供参考。";
    s.valid_period = "有效期";
    s.board_title = "公示栏";
    s.board_empty = "目前没有需要公示的内容";
    s.board_scan = "扫码看全文";
    s.urgent_label = "紧急通知";
    s.urgent_open = "查看详情";
    s.urgent_dismiss = "知道了";
    s.urgent_until = "有效至";
    s.category_all = "全部";
    s.category_decision = "决策";
    s.category_execution = "执行";
    s.category_management = "管理";
    s.category_service = "服务";
    s.category_result = "结果";
    s.category_suffix = "公开";
    s.public_period = "公示期";
    s.result_count_before = "共";
    s.result_count_after = "条";
    s.result_list = "公示名单";
    s.result_privacy = "姓名已按规定隐去部分字。公示期满后，名单会自动撤下。";
    s.result_ended = "公示期已经结束，名单已经撤下。";
    s.result_not_yet = "公示期还没有开始，名单到时在这里公布。";
    s.interpretations = "政策解读";
    s.responses = "回应关切";
    s.what_changed = "变化了什么";
    s.who_affected = "对谁有影响";
    s.what_to_do = "您需要做什么";
    s.explained = "说的是这些事项和公告";
    s.published_on = "发布日期";
    s.answer = "答复";
    s.question_label = "群众关心的问题";
    s.answered_on = "答复日期";
    s.asked_via = "问题来自";
    s.interpretation_ended = "这篇解读说的政策已经不再执行，内容仅供参考。";
    s.mode_large = "长辈版";
    s.mode_standard = "标准版";
    s.mode_contrast = "高对比";
    s.mode_contrast_off = "标准色";
    s.language_switch = "English";
    s.display_settings = "显示";
    s.staff_pin_title = "员工入口";
    s.staff_pin_prompt = "请输入员工密码";
    s.staff_pin_wrong = "密码不对";
    s.staff_pin_format = "密码是 4 到 8 位数字";
    s.staff_pin_locked = "输错次数太多，请等待";
    s.staff_seconds = " 秒";
    s.staff_pin_checking = "正在核对…";
    s.staff_failures = "已连续输错 ";
    s.staff_no_pin_title = "这台设备还没有员工密码";
    s.staff_no_pin_text = "请技术人员在设备上运行下面的命令，输入 4 到 8 位数字后按回车：";
    s.staff_close = "关闭";
    s.staff_back = "返回面板";
    s.staff_ok = "确定";
    s.staff_delete = "删除";
    s.staff_panel_title = "员工面板";
    s.staff_status = "设备状态";
    s.staff_catalogue = "目录版本";
    s.staff_catalogue_demo = "内置演示目录";
    s.staff_catalogue_stale = "已过签名有效期";
    s.staff_installed = "安装于";
    s.staff_last_success = "上次同步成功";
    s.staff_last_attempt = "上次尝试同步";
    s.staff_last_error = "上次同步错误";
    s.staff_none = "无";
    s.staff_outbox = "待上报记录";
    s.staff_disk = "剩余磁盘";
    s.staff_of_total = "，共 ";
    s.staff_uptime = "运行时间";
    s.staff_uptime_kiosk = "本程序 ";
    s.staff_uptime_system = "，系统 ";
    s.staff_addresses = "IP 地址";
    s.staff_version = "软件版本";
    s.staff_ago_days = " 天前";
    s.staff_days = " 天 ";
    s.staff_hours = " 小时 ";
    s.staff_minutes = " 分";
    s.staff_ago_hours = " 小时前";
    s.staff_ago_minutes = " 分钟前";
    s.staff_actions = "操作";
    s.staff_sync_now = "立即同步";
    s.staff_sync_asked = "已请求同步：同步程序几秒内开始，结果见“设备状态”";
    s.staff_sync_waiting = "等待同步程序…";
    s.staff_hall = "大厅信息";
    s.staff_display = "显示和音量";
    s.staff_touch = "触摸测试";
    s.staff_change_pin = "修改密码";
    s.staff_restart = "重新启动";
    s.staff_hall_name = "大厅名称";
    s.staff_hall_address = "地址";
    s.staff_hall_hours = "开放时间";
    s.staff_hall_window = "窗口 ";
    s.staff_hall_help = "求助提示（需要帮忙页）";
    s.staff_tap_to_edit = "（点此填写）";
    s.staff_save = "保存";
    s.staff_saving = "保存中…";
    s.staff_saved = "已保存";
    s.staff_not_saved = "未保存，什么都没有改：";
    s.staff_no_config_file = "没有配置文件（--config），不能保存";
    s.staff_nothing_changed = "没有改动";
    s.staff_orientation = "屏幕方向";
    s.staff_rotation = "画面旋转（屏幕装反或侧装时）";
    s.staff_portrait = "竖屏";
    s.staff_landscape = "横屏";
    s.staff_theme = "外观";
    s.staff_theme_standard = "标准版";
    s.staff_theme_large = "长辈版";
    s.staff_theme_contrast = "高对比";
    s.staff_text_scale = "文字大小";
    s.staff_language = "语言";
    s.staff_language_zh = "中文";
    s.staff_language_en = "English";
    s.staff_idle_reset = "无人操作多久后回首页";
    s.staff_never = "从不";
    s.staff_volume = "朗读音量";
    s.staff_apply = "应用";
    s.staff_display_note = "方向、旋转、外观、文字和语言改动后要在 20 秒内点“保留”，否则自动恢复。";
    s.staff_confirm_title = "保留这些显示设置吗？";
    s.staff_confirm_seconds = " 秒后恢复原来的设置";
    s.staff_keep = "保留";
    s.staff_revert = "恢复";
    s.staff_kept = "已保留新的显示设置";
    s.staff_reverted = "已恢复原来的显示设置";
    s.staff_touch_hint = "用手指划过每一格：亮起的格子和圆点应在手指正下方。";
    s.staff_touch_clear = "清除";
    s.staff_touch_points = "触点 ";
    s.staff_new_pin = "请输入新密码（4 到 8 位数字）";
    s.staff_new_pin_repeat = "请再输入一次新密码";
    s.staff_pin_mismatch = "两次输入不一致，请重新输入";
    s.staff_pin_changed = "密码已修改";
    s.staff_restart_note = "程序退出后由系统自动重新启动（约几秒）。";
    s.idle_title = "还在看吗？";
    s.idle_seconds = "秒后回到首页";
    s.idle_stay = "继续看";
    s.read_aloud = "朗读";
    s.read_pause = "暂停";
    s.read_resume = "继续";
    s.read_stop = "停止";
    s.read_unavailable = "本机暂时不能朗读";
    // The national 好差评 scale's own five words, best first.
    s.rate_question = "这条信息对您有帮助吗？";
    s.rate_very_satisfied = "非常满意";
    s.rate_satisfied = "满意";
    s.rate_fairly_satisfied = "基本满意";
    s.rate_dissatisfied = "不满意";
    s.rate_very_dissatisfied = "非常不满意";
    s.rate_reasons = "哪里不满意？可以点几项";
    s.reason_unclear = "看不懂";
    s.reason_outdated = "信息过时";
    s.reason_not_found = "找不到要办的事";
    s.reason_materials = "材料说得不清";
    s.reason_other = "其他";
    s.rate_comment = "还想说点什么？（可以不写）";
    s.rate_comment_placeholder = "点这里写字";
    s.rate_privacy = "请勿填写姓名、身份证号、电话等个人信息";
    s.rate_submit = "提交";
    s.rate_thanks = "谢谢您的评价。";
    s.rate_next = "评价不含个人信息，将汇总给区政务公开办公室，用于改进这条信息。";
    s.rate_skip = "跳过";
    s.rate_auto_before = "不想评也没关系，";
    s.rate_auto_after = "秒后自动关闭";
    return s;
}

static UiStrings make_en() {
    UiStrings s;
    s.language = "en";
    s.line_break_lang = "en";
    s.colon = ": ";
    s.list_separator = ", ";
    s.open_paren = " (";
    s.close_paren = ")";
    s.sentence_end = ". ";
    s.crumb_separator = " › ";
    s.middle_dot = " · ";
    s.date_range = " – ";
    s.title_separator = " / ";
    s.back = "Back";
    s.home = "Home";
    s.app_title_suffix = " Public Information";
    s.home_hint = "Tap the area you want to know about";
    s.search_prompt = "Search, e.g. dibao, residence permit";
    s.notices = "Notices";
    s.items_suffix = "items";
    s.guide_tag = "Service guide";
    s.not_found = "This entry was not found; it may have been updated. Please go Home and look again.";
    s.stale = "The information on this device may be out of date. Please ask the staff at the window.";
    s.search_title = "Search";
    s.search_placeholder = "Type pinyin or Chinese";
    s.search_hint = "Type pinyin in full or its initials, e.g. dibao or db (低保), sfz (身份证).";
    s.search_none = "Nothing found. Try other words, or fewer of them.";
    s.search_unavailable = "Search is not available right now. Please go Home and browse by area.";
    s.list_unavailable = "This area's services cannot be read right now. Please try again shortly, or ask the staff.";
    s.all_domains = "All";
    s.also_called = "Also called: ";
    s.key_clear = "Clear";
    s.key_space = "Space";
    s.key_backspace = "Delete";
    s.mode_pinyin = "Pinyin";
    s.mode_handwriting = "Write";  // "Handwrite" fits its key only at 60 % size in 长辈版
    s.pad_clear = "Rewrite";
    s.pad_hint = "Write one character in the box with your finger, then tap it above";
    s.pinyin_hint = "Type pinyin; Chinese words appear here: tap one to enter it";
    s.handwriting_unavailable = "Handwriting is not available; please type pinyin";
    s.what = "What it is";
    s.who = "Who can apply";
    s.bring = "What to bring";
    s.when_paid = "When it is paid";
    s.steps = "What you do";
    s.where = "Where and when";
    s.how_long = "How long it takes";
    s.fee = "Fees";
    s.workflow = "After you apply: how it is processed";
    s.basis = "Legal basis";
    s.contacts = "Enquiries";
    s.publishes = "What is published";
    s.when_published = "When it is published";
    s.who_publishes = "Who publishes it";
    s.where_published = "Where to see it";
    s.standard = "Disclosure standard";
    s.related = "Related";
    s.guide_intro = "Service guide: ";
    s.content_label = "Published";
    s.take_away = "Scan to take this page home";
    s.std_name = "Item";
    s.std_content = "Content (elements)";
    s.std_basis = "Basis";
    s.std_time_limit = "Time limit";
    s.std_bodies = "Published by";
    s.std_channels = "Channels";
    s.std_audience = "Audience";
    s.std_mode = "Mode";
    s.std_tier = "Tier";
    s.workflow_actor = "by";
    s.workflow_time = "within";
    s.gloss_audience_all = "anyone may see it";
    s.gloss_audience_group = "shown to the people it concerns";
    s.gloss_mode_active = "published without being asked";
    s.gloss_mode_request = "given on request";
    s.gloss_tier_county = "published by the district";
    s.gloss_tier_township = "published by the sub-district or town";
    s.services = "Services you can apply for";
    s.more_info = "Other published information";
    s.key_facts = "At a glance";
    s.key_where = "Where";
    s.ask_window = "Ask at the window for details";
    s.help_title = "Help";
    s.hall_address = "Address";
    s.hall_hours = "Opening hours";
    s.hall_windows = "Windows";
    s.hall_help = "Assistance";
    s.need_help = "Need help";
    s.hotline = "12345";
    s.hotline_line = "Shanghai citizen hotline 12345: questions, help, complaints";
    s.next_steps = "You can";
    s.ask_staff = "Ask staff for help";
    s.go_home = "Go to Home";
    s.route_unknown = "This page does not exist; it may have been updated.";
    s.notice_expired = "This notice has expired and is kept for reference only.";
    s.valid_period = "Valid";
    s.board_title = "Notice board";
    s.board_empty = "Nothing to post at the moment";
    s.board_scan = "Scan to read it";
    s.urgent_label = "Urgent notice";
    s.urgent_open = "Read it";
    s.urgent_dismiss = "OK";
    s.urgent_until = "Until";
    s.category_all = "All";
    s.category_decision = "Decisions";
    s.category_execution = "Implementation";
    s.category_management = "Management";
    s.category_service = "Services";
    s.category_result = "Results";
    s.category_suffix = " disclosure";
    s.public_period = "Public period";
    s.result_count_before = "On the list: ";
    s.result_count_after = " entries";
    s.result_list = "The list";
    s.result_privacy = "Names are partly hidden as the rules require. The list is taken down when the public period ends.";
    s.result_ended = "The public period has ended and the list has been taken down.";
    s.result_not_yet = "The public period has not begun; the list will be shown here then.";
    s.interpretations = "Policy explained";
    s.responses = "Answers to public concerns";
    s.what_changed = "What changed";
    s.who_affected = "Who it affects";
    s.what_to_do = "What you need to do";
    s.explained = "What it is about";
    s.published_on = "Published";
    s.answer = "Answer";
    s.question_label = "A question from the public";
    s.answered_on = "Answered";
    s.asked_via = "Raised through";
    s.interpretation_ended = "The policy this explains is no longer in force; kept for reference only.";
    s.mode_large = "Large";
    s.mode_standard = "Standard";
    s.mode_contrast = "Contrast";
    s.mode_contrast_off = "Colour";
    s.language_switch = "中文";
    s.display_settings = "Display";
    s.staff_pin_title = "Staff";
    s.staff_pin_prompt = "Enter the staff PIN";
    s.staff_pin_wrong = "Wrong PIN";
    s.staff_pin_format = "A PIN is 4 to 8 digits";
    s.staff_pin_locked = "Too many wrong PINs. Try again in";
    s.staff_seconds = " s";
    s.staff_pin_checking = "Checking…";
    s.staff_failures = "Wrong PINs in a row: ";
    s.staff_no_pin_title = "No staff PIN is set on this device";
    s.staff_no_pin_text = "A technician sets one on the device with this command, then types 4 to 8 digits and Enter:";
    s.staff_close = "Close";
    s.staff_back = "Back to panel";
    s.staff_ok = "OK";
    s.staff_delete = "Delete";
    s.staff_panel_title = "Staff panel";
    s.staff_status = "Device status";
    s.staff_catalogue = "Catalogue";
    s.staff_catalogue_demo = "built-in demo";
    s.staff_catalogue_stale = "past its signed expiry";
    s.staff_installed = "installed";
    s.staff_last_success = "Last good sync";
    s.staff_last_attempt = "Last sync attempt";
    s.staff_last_error = "Last sync error";
    s.staff_none = "none";
    s.staff_outbox = "Records waiting to upload";
    s.staff_disk = "Free disk";
    s.staff_of_total = ", of ";
    s.staff_uptime = "Uptime";
    s.staff_uptime_kiosk = "kiosk ";
    s.staff_uptime_system = ", system ";
    s.staff_addresses = "IP addresses";
    s.staff_version = "Software version";
    s.staff_ago_days = " days ago";
    s.staff_days = " d ";
    s.staff_hours = " h ";
    s.staff_minutes = " min";
    s.staff_ago_hours = " hours ago";
    s.staff_ago_minutes = " minutes ago";
    s.staff_actions = "Actions";
    s.staff_sync_now = "Sync now";
    s.staff_sync_asked = "Sync requested: the sync daemon starts within seconds; its result shows under Device status";
    s.staff_sync_waiting = "Waiting for the sync daemon…";
    s.staff_hall = "Hall details";
    s.staff_display = "Display and volume";
    s.staff_touch = "Touch test";
    s.staff_change_pin = "Change PIN";
    s.staff_restart = "Restart";
    s.staff_hall_name = "Hall name";
    s.staff_hall_address = "Address";
    s.staff_hall_hours = "Opening hours";
    s.staff_hall_window = "Window ";
    s.staff_hall_help = "Help line (the Need help page)";
    s.staff_tap_to_edit = "(tap to type)";
    s.staff_save = "Save";
    s.staff_saving = "Saving…";
    s.staff_saved = "Saved";
    s.staff_not_saved = "Not saved, nothing changed: ";
    s.staff_no_config_file = "No config file (--config): nothing can be saved";
    s.staff_nothing_changed = "Nothing changed";
    s.staff_orientation = "Orientation";
    s.staff_rotation = "Picture rotation (a screen mounted another way round)";
    s.staff_portrait = "Portrait";
    s.staff_landscape = "Landscape";
    s.staff_theme = "Look";
    s.staff_theme_standard = "Standard";
    s.staff_theme_large = "Large";
    s.staff_theme_contrast = "High contrast";
    s.staff_text_scale = "Text size";
    s.staff_language = "Language";
    s.staff_language_zh = "中文";
    s.staff_language_en = "English";
    s.staff_idle_reset = "Back to Home after no touch for";
    s.staff_never = "never";
    s.staff_volume = "Read-aloud volume";
    s.staff_apply = "Apply";
    s.staff_display_note = "Changes of orientation, rotation, look, text or language must be kept within 20 s, or they are undone.";
    s.staff_confirm_title = "Keep these display settings?";
    s.staff_confirm_seconds = " s until the old settings come back";
    s.staff_keep = "Keep";
    s.staff_revert = "Revert";
    s.staff_kept = "The new display settings are kept";
    s.staff_reverted = "The old display settings are back";
    s.staff_touch_hint = "Slide a finger over every cell: the lit cell and the dot should be right under it.";
    s.staff_touch_clear = "Clear";
    s.staff_touch_points = "Points ";
    s.staff_new_pin = "Enter the new PIN (4 to 8 digits)";
    s.staff_new_pin_repeat = "Enter the new PIN again";
    s.staff_pin_mismatch = "The two entries differ; start again";
    s.staff_pin_changed = "The PIN is changed";
    s.staff_restart_note = "The kiosk exits and the system starts it again (a few seconds).";
    s.untranslated_marker = "[中文] ";
    s.untranslated_note = "[中文] Parts of this page are published in Chinese only.";
    s.idle_title = "Still there?";
    s.idle_seconds = " s to Home";
    s.idle_stay = "Keep reading";
    s.read_aloud = "Read aloud";
    s.read_pause = "Pause";
    s.read_resume = "Resume";
    s.read_stop = "Stop";
    s.read_unavailable = "Reading aloud is not available on this device";
    s.rate_question = "Was this information helpful?";
    s.rate_very_satisfied = "Very satisfied";
    s.rate_satisfied = "Satisfied";
    s.rate_fairly_satisfied = "Fairly satisfied";
    s.rate_dissatisfied = "Dissatisfied";
    s.rate_very_dissatisfied = "Very dissatisfied";
    s.rate_reasons = "What was wrong? Tap any that apply";
    s.reason_unclear = "Hard to understand";
    s.reason_outdated = "Out of date";
    s.reason_not_found = "Can't find my service";
    s.reason_materials = "Unclear what to bring";
    s.reason_other = "Other";
    s.rate_comment = "Anything to add? (optional)";
    s.rate_comment_placeholder = "Tap here to write";
    s.rate_privacy = "Please do not enter your name, ID number, phone number or other personal details";
    s.rate_submit = "Send";
    s.rate_thanks = "Thank you for your rating.";
    s.rate_next = "Ratings hold no personal details. They are collected for the district's public information office to improve this page.";
    s.rate_skip = "Skip";
    s.rate_auto_before = "No need to answer: this closes in ";
    s.rate_auto_after = " s";
    return s;
}

const UiStrings& default_ui_strings() {
    static const UiStrings zh = make_zh_cn();
    return zh;
}

const UiStrings* find_ui_strings(std::string_view language) {
    static const UiStrings en = make_en();
    if (language == "zh-CN" || language == "zh" || language == "zh-Hans") return &default_ui_strings();
    if (language == "en") return &en;
    return nullptr;
}

std::string ui_string_languages() { return "zh-CN, en"; }

std::string UiStrings::app_title(std::string_view district) const { return std::string(district) + app_title_suffix; }

std::string UiStrings::labelled(std::string_view label, std::string_view value) const {
    return std::string(label) + colon + std::string(value);
}

std::string UiStrings::parenthesised(std::string_view text) const { return open_paren + std::string(text) + close_paren; }

std::string UiStrings::summary_line(bool directory_row, std::string_view summary) const {
    if (!directory_row || summary.empty()) return std::string(summary);
    return labelled(content_label, summary);
}

std::string UiStrings::date(std::string_view iso) const {
    // A validity bound with a minute (model.h): the day, then the time as the hall says it.
    if (iso.size() == 16 && iso[10] == 'T') return date(iso.substr(0, 10)) + " " + std::string(iso.substr(11));
    CalendarDate d{};
    if (language != "en" || !parse_calendar_date(iso, &d)) return chinese_date(iso);
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return std::to_string(d.day) + " " + kMonths[d.month - 1] + " " + std::to_string(d.year);
}

std::string UiStrings::validity_span(std::string_view from, std::string_view until) const {
    if (from.empty() && until.empty()) return {};
    const bool en = language == "en";
    if (!from.empty() && !until.empty()) return moment(from) + (en ? " – " : "至") + moment(until);
    if (!from.empty()) return en ? "from " + moment(from) : moment(from) + "起";
    return en ? "until " + moment(until) : "至" + moment(until);
}

std::string UiStrings::moment(std::string_view v) const {
    // "2026-12-01T18:00": the date in words and the minute as written.
    if (v.size() == 16 && v[10] == 'T') return date(v.substr(0, 10)) + " " + std::string(v.substr(11));
    return date(v);
}

std::string UiStrings::validity(std::string_view from, std::string_view until) const {
    if (from.empty() && until.empty()) return {};
    return labelled(valid_period, validity_span(from, until));
}

std::string UiStrings::weekday(int d) const {
    static const char* const kZh[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
    static const char* const kEn[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    d = ((d % 7) + 7) % 7;
    return language == "en" ? kEn[d] : kZh[d];
}

std::string UiStrings::board_page(int page, int pages) const {
    return language == "en" ? "Page " + std::to_string(page) + "/" + std::to_string(pages)
                            : "第 " + std::to_string(page) + "/" + std::to_string(pages) + " 页";
}

std::string UiStrings::board_position(int position, int count) const {
    return std::to_string(position) + " / " + std::to_string(count);
}

std::string UiStrings::board_paused_for(int seconds) const {
    return language == "en" ? "Paused — carries on in " + std::to_string(seconds) + " s"
                            : "已暂停，" + std::to_string(seconds) + " 秒后继续播放";
}

std::string UiStrings::public_period_of(std::string_view from, std::string_view until) const {
    CalendarDate a{}, b{};
    if (from.size() < 10 || until.size() < 10 || !parse_calendar_date(from.substr(0, 10), &a) || !parse_calendar_date(until.substr(0, 10), &b))
        return {};
    const bool en = language == "en";
    std::string first = date(from.substr(0, 10)), last = date(until.substr(0, 10));
    if (a.year == b.year) {
        // 2026年12月1日至12月7日; 1 Dec – 7 Dec 2026: the year is said once.
        if (en) first = first.substr(0, first.rfind(' '));
        else last = last.substr(last.find("年") + std::string("年").size());
    }
    return labelled(public_period, first + (en ? " – " : "至") + last);
}

std::string UiStrings::result_count(size_t n) const { return result_count_before + std::to_string(n) + result_count_after; }

const std::string& UiStrings::category(DisclosureCategory c) const {
    static const std::string none;
    switch (c) {
    case DisclosureCategory::Unset: return none;
    case DisclosureCategory::Decision: return category_decision;
    case DisclosureCategory::Execution: return category_execution;
    case DisclosureCategory::Management: return category_management;
    case DisclosureCategory::Service: return category_service;
    case DisclosureCategory::Result: return category_result;
    }
    return none;
}

std::string UiStrings::catalogue(std::string_view zh, std::string_view en, bool mark) const {
    if (untranslated_marker.empty()) return std::string(zh);
    if (!en.empty()) return std::string(en);
    return mark ? untranslated_marker + std::string(zh) : std::string(zh);
}

std::string UiStrings::all_text() const {
    std::string all;
#define GONGKAI_APPEND_STRING(name) all += name;
    GONGKAI_UI_STRINGS(GONGKAI_APPEND_STRING)
#undef GONGKAI_APPEND_STRING
    // Digits, list numbers, the ellipsis and Latin letters the layout composes at run time.
    all += untranslated_marker + untranslated_note;
    all += "0123456789 …abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ年月日至起–:/*＊";
    all += "星期一二三四五六日共条第页已暂停秒后继续播放";
    return all;
}

std::vector<std::string> UiStrings::missing() const {
    std::vector<std::string> names;
#define GONGKAI_CHECK_STRING(name) \
    if (name.empty()) names.push_back(#name);
    GONGKAI_UI_STRINGS(GONGKAI_CHECK_STRING)
#undef GONGKAI_CHECK_STRING
    return names;
}

}  // namespace gongkai
