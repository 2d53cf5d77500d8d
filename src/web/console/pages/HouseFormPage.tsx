// 新建/编辑宝宝屋: a street admin registers a house of their own street or edits one. The R18 name is checked
// as it is typed, and on create the rooms' legal capacity (R3, R4) is computed live from their area.
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { ApiError, patch, post } from '../../common/api.ts';
import type { Facilities, House, Street } from '../../common/types.ts';
import { checkHouseName } from '../../../domain/houseName.ts';
import { t } from '../i18n/index.ts';
import { useApi } from '../hooks/useApi.ts';
import { useRules } from '../hooks/usePolicy.ts';
import { useSession } from '../session.tsx';
import { formPathOf } from '../format.ts';
import { PageHeader } from '../components/PageHeader.tsx';
import { LoadError, Loading } from '../components/States.tsx';
import { ALL_FACILITIES } from '../components/HouseTags.tsx';
import { CapacityPreview } from '../components/RoomModal.tsx';
import {
  DEFAULT_HOURS,
  OpeningHoursEditor,
  hourRowsOf,
  hourRowsValid,
  openingHoursOf,
  type HourRow,
} from '../components/OpeningHoursEditor.tsx';

interface RoomRow {
  name?: string;
  areaM2?: number | null;
}

interface Values {
  name: string;
  address: string;
  phone?: string;
  latitude?: number | null;
  longitude?: number | null;
  hours: HourRow[];
  facilities: (keyof Facilities)[];
  cctvRetentionDays: number | null;
  cctvNetworked: boolean;
  alarmNetworked: boolean;
  insurer?: string;
  insurancePolicyNo?: string;
  insurancePeriod?: [Dayjs, Dayjs] | null;
  /** R17: the published price per hour in yuan (sent as fen). */
  hourlyPrice?: number | null;
  rooms?: RoomRow[];
}

/** Server field → form field, where they differ. */
const FIELD_ALIASES: Record<string, (string | number)[]> = {
  insuranceStart: ['insurancePeriod'],
  insuranceEnd: ['insurancePeriod'],
  openingHours: ['hours'],
  facilities: ['facilities'],
  hourlyPriceFen: ['hourlyPrice'],
};
const FORM_FIELDS = new Set([
  'name',
  'address',
  'phone',
  'latitude',
  'longitude',
  'hours',
  'facilities',
  'cctvRetentionDays',
  'cctvNetworked',
  'alarmNetworked',
  'insurer',
  'insurancePolicyNo',
  'insurancePeriod',
  'hourlyPrice',
  'rooms',
]);

function valuesOf(h: House): Values {
  return {
    name: h.name,
    address: h.address,
    phone: h.phone ?? undefined,
    latitude: h.latitude,
    longitude: h.longitude,
    hours: hourRowsOf(h.openingHours),
    facilities: ALL_FACILITIES.filter((f) => h.facilities[f]),
    cctvRetentionDays: h.cctvRetentionDays,
    cctvNetworked: h.cctvNetworked,
    alarmNetworked: h.alarmNetworked,
    insurer: h.insurer ?? undefined,
    insurancePolicyNo: h.insurancePolicyNo ?? undefined,
    insurancePeriod: h.insuranceStart && h.insuranceEnd ? [dayjs(h.insuranceStart), dayjs(h.insuranceEnd)] : null,
    hourlyPrice: typeof h.hourlyPriceFen === 'number' ? h.hourlyPriceFen / 100 : null,
  };
}

const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

export function HouseFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const { me } = useSession();
  const house = useApi<House>(editing ? `/api/houses/${id}` : null);
  const streets = useApi<Street[]>(editing ? null : '/api/streets');
  const rules = useRules();

  if (house.error) return <LoadError error={house.error} onRetry={house.reload} />;
  if (streets.error) return <LoadError error={streets.error} onRetry={streets.reload} />;
  if (editing && !house.data) return <Loading />;
  if (!editing && !streets.data) return <Loading />;

  const streetId = editing ? house.data!.streetId : me.user.streetId;
  const streetName = editing ? house.data!.streetName : streets.data!.find((s) => s.id === me.user.streetId)?.name;
  if (!streetId || !streetName) {
    return <LoadError error={new ApiError(403, 'FORBIDDEN', t('houseForm.noStreet'))} />;
  }
  return <HouseForm house={house.data} streetId={streetId} streetName={streetName} rules={rules} />;
}

function HouseForm({
  house,
  streetId,
  streetName,
  rules,
}: {
  house: House | undefined;
  streetId: string;
  streetName: string;
  rules: ReturnType<typeof useRules>;
}) {
  const editing = !!house;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const rooms = Form.useWatch('rooms', form) as RoomRow[] | undefined;
  const cctvDays = Form.useWatch('cctvRetentionDays', form) as number | null | undefined;
  const requiredCctv = house?.checks.cctvRetentionRequiredDays ?? rules?.cctvMinRetentionDays;

  const initialValues = useMemo<Values>(
    () =>
      house
        ? valuesOf(house)
        : {
            name: '',
            address: '',
            hours: hourRowsOf(DEFAULT_HOURS),
            facilities: ['drinkingWater', 'washroom', 'nursingRoom', 'ageAppropriateFurniture'],
            cctvRetentionDays: null,
            cctvNetworked: true,
            alarmNetworked: true,
            insurancePeriod: null,
            rooms: [{ name: '', areaM2: null }],
          },
    [house],
  );

  // The required CCTV retention is known once the policy has loaded: use it as the new house's default.
  useEffect(() => {
    if (!editing && rules && form.getFieldValue('cctvRetentionDays') == null)
      form.setFieldValue('cctvRetentionDays', rules.cctvMinRetentionDays);
  }, [editing, rules, form]);

  async function submit(v: Values) {
    const body: Record<string, unknown> = {
      name: v.name.trim(),
      address: v.address.trim(),
      phone: blankToNull(v.phone),
      latitude: v.latitude ?? null,
      longitude: v.longitude ?? null,
      openingHours: openingHoursOf(v.hours),
      facilities: Object.fromEntries(ALL_FACILITIES.map((f) => [f, v.facilities.includes(f)])),
      cctvRetentionDays: v.cctvRetentionDays,
      cctvNetworked: v.cctvNetworked,
      alarmNetworked: v.alarmNetworked,
      insurer: blankToNull(v.insurer),
      insurancePolicyNo: blankToNull(v.insurancePolicyNo),
      insuranceStart: v.insurancePeriod ? v.insurancePeriod[0].format('YYYY-MM-DD') : null,
      insuranceEnd: v.insurancePeriod ? v.insurancePeriod[1].format('YYYY-MM-DD') : null,
    };
    if (v.hourlyPrice != null) body.hourlyPriceFen = Math.round(v.hourlyPrice * 100);
    if (!editing) {
      body.streetId = streetId;
      body.rooms = (v.rooms ?? []).filter((r) => r.name?.trim() || r.areaM2).map((r) => ({ name: r.name!.trim(), areaM2: r.areaM2 }));
    }
    setSaving(true);
    try {
      const saved = editing ? await patch<House>(`/api/houses/${house.id}`, body) : await post<House>('/api/houses', body);
      message.success(editing ? t('houseForm.updated') : t('houseForm.created'));
      navigate(`/houses/${saved.id}`, { replace: editing });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const mapped = err.fieldErrors
        .map((f) => ({ path: formPathOf(f.field, FIELD_ALIASES), message: f.message || err.title }))
        .filter((f) => FORM_FIELDS.has(String(f.path[0])));
      if (mapped.length) {
        form.setFields(mapped.map((f) => ({ name: f.path, errors: [f.message] })) as Parameters<typeof form.setFields>[0]);
        form.scrollToField(mapped[0].path as Parameters<typeof form.scrollToField>[0], { block: 'center' });
      }
      message.error(err.title);
    } finally {
      setSaving(false);
    }
  }

  const sectionProps = { variant: 'borderless' as const, className: 'bbw-card' };
  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('house.breadcrumb'), to: '/houses' },
          ...(house ? [{ title: house.name, to: `/houses/${house.id}` }] : []),
          { title: editing ? t('houseForm.editTitle') : t('houseForm.createTitle') },
        ]}
        title={editing ? t('houseForm.editTitle') : t('houseForm.createTitle')}
        description={editing ? t('houseForm.editDescription') : t('houseForm.createDescription')}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        onFinishFailed={() => message.warning(t('houseForm.checkFields'))}
        scrollToFirstError={{ block: 'center' }}
        data-qa="house-form"
      >
        <Card {...sectionProps} title={t('houseForm.sectionBasic')}>
          <Row gutter={24}>
            <Col span={8}>
              <Form.Item label={t('houseForm.street')} required>
                <Input value={streetName} disabled data-qa="house-form-street" />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item
                name="name"
                label={t('houseForm.name')}
                extra={t('houseForm.nameHint')}
                validateFirst
                rules={[
                  { required: true, whitespace: true, message: t('houseForm.nameRequired') },
                  {
                    validator: (_, v: string) => {
                      if (!v?.trim()) return Promise.resolve();
                      const check = checkHouseName(v, streetName);
                      return check.ok ? Promise.resolve() : Promise.reject(new Error(t(`errors.${check.reason}`)));
                    },
                  },
                ]}
              >
                <Input
                  placeholder={t('houseForm.namePlaceholder')}
                  maxLength={40}
                  data-qa="house-form-name"
                  onBlur={(e) => {
                    const check = checkHouseName(e.target.value, streetName);
                    if (check.ok && check.canonical !== e.target.value) form.setFieldValue('name', check.canonical);
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item
                name="address"
                label={t('houseForm.address')}
                rules={[{ required: true, whitespace: true, min: 4, message: t('houseForm.addressRequired') }]}
              >
                <Input placeholder={t('houseForm.addressPlaceholder')} maxLength={100} data-qa="house-form-address" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                name="phone"
                label={t('houseForm.phone')}
                rules={[{ pattern: /^[0-9-]{7,20}$/, message: t('houseForm.phoneInvalid') }]}
              >
                <Input placeholder={t('houseForm.phonePlaceholder')} maxLength={20} data-qa="house-form-phone" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="hourlyPrice" label={t('houseForm.hourlyPrice')} extra={t('houseForm.hourlyPriceHint')}>
                <InputNumber
                  min={0}
                  max={100}
                  step={5}
                  precision={2}
                  prefix="¥"
                  suffix={t('houseForm.perHourUnit')}
                  style={{ width: '100%' }}
                  placeholder="50.00"
                  data-qa="house-form-price"
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="latitude" label={t('houseForm.latitude')} extra={t('houseForm.locationHint')}>
                <InputNumber
                  min={-90}
                  max={90}
                  step={0.0001}
                  precision={6}
                  style={{ width: '100%' }}
                  placeholder="31.266800"
                  data-qa="house-form-latitude"
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="longitude" label={t('houseForm.longitude')}>
                <InputNumber
                  min={-180}
                  max={180}
                  step={0.0001}
                  precision={6}
                  style={{ width: '100%' }}
                  placeholder="121.484200"
                  data-qa="house-form-longitude"
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={12}>
            <Card {...sectionProps} title={t('houseForm.sectionHours')} style={{ height: '100%' }}>
              <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
                {t('houseForm.hoursHint')}
              </Typography.Paragraph>
              <Form.Item
                name="hours"
                style={{ marginBottom: 0 }}
                rules={[
                  {
                    validator: (_, v: HourRow[]) =>
                      hourRowsValid(v) ? Promise.resolve() : Promise.reject(new Error(t('houseForm.hoursInvalid'))),
                  },
                ]}
              >
                <OpeningHoursEditor />
              </Form.Item>
            </Card>
          </Col>
          <Col span={12}>
            <Card {...sectionProps} title={t('houseForm.sectionFacilities')}>
              <Form.Item name="facilities" extra={t('houseForm.facilitiesHint')} style={{ marginBottom: 0 }}>
                <Checkbox.Group
                  style={{ display: 'grid', gap: 10 }}
                  data-qa="house-form-facilities"
                  options={ALL_FACILITIES.map((f) => ({ value: f, label: t(`facilities.${f}`) }))}
                />
              </Form.Item>
            </Card>
            <Card {...sectionProps} title={t('houseForm.sectionSafety')} style={{ marginTop: 16 }}>
              <Form.Item
                name="cctvRetentionDays"
                label={t('houseForm.cctvRetentionDays')}
                extra={requiredCctv !== undefined ? t('houseForm.cctvRequired', { days: requiredCctv }) : undefined}
                rules={[
                  { required: true, message: t('houseForm.cctvRequiredField') },
                  {
                    warningOnly: true,
                    validator: (_, v: number | null) =>
                      requiredCctv !== undefined && v != null && v < requiredCctv
                        ? Promise.reject(new Error(t('houseForm.cctvBelow', { days: requiredCctv })))
                        : Promise.resolve(),
                  },
                ]}
              >
                <InputNumber
                  min={0}
                  max={3650}
                  precision={0}
                  suffix={t('common.unit.day')}
                  style={{ width: 200 }}
                  status={requiredCctv !== undefined && cctvDays != null && cctvDays < requiredCctv ? 'warning' : undefined}
                  data-qa="house-form-cctv-days"
                />
              </Form.Item>
              <Flex vertical gap={12}>
                <Flex align="center" gap={12}>
                  <Form.Item name="cctvNetworked" valuePropName="checked" noStyle>
                    <Switch data-qa="house-form-cctv-networked" />
                  </Form.Item>
                  <span>{t('houseForm.cctvNetworked')}</span>
                </Flex>
                <Flex align="center" gap={12}>
                  <Form.Item name="alarmNetworked" valuePropName="checked" noStyle>
                    <Switch data-qa="house-form-alarm-networked" />
                  </Form.Item>
                  <span>{t('houseForm.alarmNetworked')}</span>
                </Flex>
              </Flex>
            </Card>
          </Col>
        </Row>

        <Card {...sectionProps} title={t('houseForm.sectionInsurance')} style={{ marginTop: 16 }}>
          <Row gutter={24}>
            <Col span={10}>
              <Form.Item name="insurer" label={t('houseForm.insurer')}>
                <Input placeholder={t('houseForm.insurerPlaceholder')} maxLength={60} data-qa="house-form-insurer" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="insurancePolicyNo" label={t('houseForm.policyNo')}>
                <Input maxLength={60} data-qa="house-form-policy-no" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="insurancePeriod" label={t('houseForm.period')} extra={t('houseForm.periodHint')}>
                <DatePicker.RangePicker
                  style={{ width: '100%' }}
                  placeholder={[t('houseForm.periodStart'), t('houseForm.periodEnd')]}
                  data-qa="house-form-insurance-period"
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        {!editing && (
          <Card {...sectionProps} title={t('houseForm.sectionRooms')} style={{ marginTop: 16 }}>
            <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
              {t('houseForm.roomsHint', {
                rule: rules ? t('houseForm.roomsRule', { per: rules.minAreaPerChildM2, max: rules.maxClassSize }) : '',
              })}
            </Typography.Paragraph>
            <Form.List name="rooms">
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field, index) => (
                    <div className="bbw-room-row" key={field.key} data-qa="house-form-room">
                      <Form.Item
                        name={[field.name, 'name']}
                        label={index === 0 ? t('houseForm.roomName') : undefined}
                        style={{ width: 280 }}
                        rules={[
                          { required: true, whitespace: true, message: t('rooms.nameRequired') },
                          {
                            validator: (_, v: string) => {
                              const same = (form.getFieldValue('rooms') as RoomRow[]).filter(
                                (r) => r?.name?.trim() && r.name.trim() === v?.trim(),
                              );
                              return same.length > 1 ? Promise.reject(new Error(t('houseForm.roomNameDuplicate'))) : Promise.resolve();
                            },
                          },
                        ]}
                      >
                        <Input placeholder={t('rooms.namePlaceholder')} maxLength={30} data-qa="house-form-room-name" />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'areaM2']}
                        label={index === 0 ? t('houseForm.roomArea') : undefined}
                        style={{ width: 180 }}
                        rules={[{ required: true, message: t('rooms.areaRequired') }]}
                      >
                        <InputNumber min={0.1} max={2000} suffix="㎡" style={{ width: '100%' }} data-qa="house-form-room-area" />
                      </Form.Item>
                      <Form.Item label={index === 0 ? t('houseForm.roomCapacity') : undefined} className="bbw-room-capacity">
                        <CapacityPreview areaM2={rooms?.[field.name]?.areaM2} rules={rules} compact />
                      </Form.Item>
                      <Form.Item label={index === 0 ? ' ' : undefined}>
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                          {t('houseForm.removeRoom')}
                        </Button>
                      </Form.Item>
                    </div>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ name: '', areaM2: null })}
                    style={{ width: 280 }}
                    disabled={fields.length >= 20}
                    data-qa="house-form-add-room"
                  >
                    {t('houseForm.addRoom')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </Card>
        )}

        <div className="bbw-form-footer">
          <Button onClick={() => navigate(house ? `/houses/${house.id}` : '/houses')}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={saving} data-qa="house-form-submit">
            {editing ? t('houseForm.submitEdit') : t('houseForm.submitCreate')}
          </Button>
        </div>
      </Form>
    </>
  );
}
