// The first versions of the texts a guardian agrees to: the children's-personal-information rules (PIPL art. 31,
// 《儿童个人信息网络保护规定》) and the service agreement of R14 (A2 §6). The district admin publishes new versions.
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { POLICY_BASE_DATE } from '../../domain/policy.ts';

export const CONSENT_V1 = {
  title: '儿童个人信息保护规则及单独同意',
  body: `为向您的孩子提供宝宝屋照护服务,虹口区社区托育“宝宝屋”服务平台需要处理您和孩子的个人信息。孩子的个人信息属于敏感个人信息,我们仅在您单独同意后处理。

一、收集哪些信息及用途
1. 监护人的姓名、身份证号、手机号码、居住街道和地址:用于实名登记、社区统一受理和服务通知。
2. 孩子的姓名、性别、出生日期、身份证号、居住街道:用于核验年龄(1–3岁)和预约服务。
3. 孩子的过敏情况、既往病史和健康检查合格证明:用于入托健康把关和照护中的安全保障。
4. 接送人和紧急联系人的姓名、关系、电话:用于安全接送和紧急情况下联系。
我们只收集提供服务所必需的最少信息。

二、存储期限
孩子的个人信息保存至孩子年满3周岁后12个月;期满后删除或匿名化处理,仅保留不可识别个人的统计数据。涉及未结事故或依法需要留存的除外。

三、保护措施
身份证号和健康信息加密存储;页面默认遮挡显示;只有经授权的街道审核人员和孩子所预约宝宝屋的工作人员在履职范围内可以查看,每一次查看都会记录在不可修改的审计日志中,日志至少保存3年。

四、您的权利
您可以随时在“我的家庭”中查阅和更正信息,导出家庭数据,或申请删除。撤回同意后,我们将停止处理孩子的个人信息,孩子将无法继续预约服务。

如您同意以上内容,请点击“同意”。`,
};

export const AGREEMENT_V1 = {
  title: '宝宝屋托育服务协议',
  body: `甲方:虹口区各街道社区“宝宝屋”(以下简称“宝宝屋”)
乙方:幼儿监护人

一、服务内容
宝宝屋面向本区1–3岁幼儿提供临时托、计时托等普惠托育服务和科学育儿指导。服务为临时性、计时制,单次照护不超过4小时,不提供全日照护,不提供餐食点心。

二、双方权利和义务
1. 宝宝屋按照《上海市托育机构一日活动方案》开展照护,配备持证保育人员,保育人员与幼儿比例不低于1:5,保障幼儿安全。
2. 宝宝屋对幼儿的个人信息与隐私予以保护。
3. 乙方如实提供幼儿健康情况、既往病史,幼儿凭健康检查合格证明入托;幼儿身体不适时应主动告知并暂停入托。
4. 乙方按时接送,仅由登记的接送人接回幼儿。

三、收费标准
每名幼儿每年前12次照护服务免费;超出部分按所在宝宝屋公示的收费标准收取,费用专门用于宝宝屋运营开支。

四、退费办法
服务开始2小时前取消预约的,退还免费次数或已缴费用;迟于该时间取消或未到的,视为已使用。

五、纠纷处理
双方发生争议的,可向宝宝屋所在街道反映协商解决;协商不成的,可向区教育局投诉或依法解决。

六、本协议经乙方在平台上阅读并确认后生效;协议内容更新后,需重新确认。`,
};

/** Writes version 1 of each text when the database has none. */
export async function ensureDocuments(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('document_version')
    .values([
      { kind: 'consent', version: 1, effective_from: POLICY_BASE_DATE, ...CONSENT_V1 },
      { kind: 'agreement', version: 1, effective_from: POLICY_BASE_DATE, ...AGREEMENT_V1 },
    ])
    .onConflict((oc) => oc.columns(['kind', 'version']).doNothing())
    .execute();
}
