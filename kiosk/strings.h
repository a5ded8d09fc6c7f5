// Every fixed text the kiosk shows. Kept in one place so that the glyph atlas can be
// built from exactly these characters plus the catalogue's (see fonts.cpp), and so that
// the wording can be reviewed with residents in one read.
#pragma once

namespace gongkai::text {

inline constexpr const char* kBack = "返回";
inline constexpr const char* kHome = "首页";
inline constexpr const char* kAppTitle = "徐汇区政务公开";
inline constexpr const char* kHomeHint = "请点选您要了解的领域";
inline constexpr const char* kSearchPrompt = "搜索事项，如：低保、居住证";
inline constexpr const char* kNotices = "公告";
inline constexpr const char* kItemsSuffix = "项";
inline constexpr const char* kGuideTag = "办事指南";
inline constexpr const char* kSearchTitle = "搜索";
inline constexpr const char* kSearchPlaceholder = "输入拼音或汉字";
inline constexpr const char* kSearchHint = "可以输入拼音全拼或首字母，例如：dibao 或 db（低保）、sfz（身份证）。";
inline constexpr const char* kSearchNone = "没有找到。请换个说法，或返回首页按领域查找；也可以拨打12345咨询。";
inline constexpr const char* kAllDomains = "全部";
inline constexpr const char* kAlsoCalled = "也叫：";
inline constexpr const char* kClear = "清空";
inline constexpr const char* kSpace = "空格";
inline constexpr const char* kBackspace = "删除";
inline constexpr const char* kNotFound = "没有找到这一项，可能已经更新。请返回首页重新查找。";
inline constexpr const char* kStale = "本机信息可能不是最新，请以窗口工作人员说明为准。";
// Item page: plain-language sections.
inline constexpr const char* kWhat = "这是什么";
inline constexpr const char* kWho = "谁可以办";
inline constexpr const char* kBring = "要带什么";
inline constexpr const char* kSteps = "怎么办";
inline constexpr const char* kWhere = "在哪里办、什么时候办";
inline constexpr const char* kHowLong = "多久办好";
inline constexpr const char* kFee = "要不要钱";
inline constexpr const char* kWorkflow = "办理流程";
inline constexpr const char* kBasis = "政策依据";
inline constexpr const char* kContacts = "咨询电话";
inline constexpr const char* kPublishes = "这一项公开什么";
inline constexpr const char* kWhenPublished = "什么时候公开";
inline constexpr const char* kWhoPublishes = "由谁公开";
inline constexpr const char* kWherePublished = "在哪里可以看到";
inline constexpr const char* kStandard = "公开标准";
inline constexpr const char* kRelated = "相关事项";
inline constexpr const char* kGuideIntro = "办事指南：";
// The disclosure-standard table's row labels.
inline constexpr const char* kStdName = "公开事项";
inline constexpr const char* kStdContent = "公开内容（要素）";
inline constexpr const char* kStdBasis = "公开依据";
inline constexpr const char* kStdTimeLimit = "公开时限";
inline constexpr const char* kStdBodies = "公开主体";
inline constexpr const char* kStdChannels = "公开渠道和载体";
inline constexpr const char* kStdAudience = "公开对象";
inline constexpr const char* kStdMode = "公开方式";
inline constexpr const char* kStdTier = "公开层级";
inline constexpr const char* kWorkflowActor = "负责";
inline constexpr const char* kWorkflowTime = "时限";

inline constexpr const char* kAll[] = {
    kBack, kHome, kAppTitle, kHomeHint, kSearchPrompt, kNotices, kItemsSuffix, kGuideTag,
    kSearchTitle, kSearchPlaceholder, kSearchHint, kSearchNone, kAllDomains, kAlsoCalled, kClear, kSpace, kBackspace, kNotFound, kStale, kWhat, kWho, kBring, kSteps, kWhere, kHowLong,
    kFee, kWorkflow, kBasis, kContacts, kPublishes, kWhenPublished, kWhoPublishes, kWherePublished, kStandard,
    kRelated, kGuideIntro, kStdName, kStdContent, kStdBasis, kStdTimeLimit, kStdBodies, kStdChannels, kStdAudience,
    kStdMode, kStdTier, kWorkflowActor, kWorkflowTime,
    // Digits, list numbers and punctuation the layout composes at run time.
    "0123456789 ：、，。；（）·…›‹/-abcdefghijklmnopqrstuvwxyz",
};

}  // namespace gongkai::text
