// Replacing the authorised pickup persons or the emergency contacts (PUT, the whole list). The API returns phones
// masked only, so a kept person's number has to be typed again (the placeholder shows which one it was).
import { useState } from 'react';
import { Button, Form, Toast } from 'antd-mobile';
import { put } from '../../../common/api.ts';
import type { FamilyEnvelope, PersonInput } from '../../../common/familyTypes.ts';
import { t } from '../../i18n/index.ts';
import { setFamily } from '../../family/store.ts';
import { editable } from '../../family/helpers.ts';
import { PersonFields } from '../../family/fields.tsx';
import { LockedNote, useLoadedFamily } from '../../family/useFamilyPage.tsx';
import { saveForm } from '../../family/save.ts';
import { FlowPage } from '../../components/FlowPage.tsx';
import { useGoBack } from '../../components/PageHeader.tsx';
import { PlusIcon } from '../../components/icons.tsx';
import { scrollToFirstError } from './RegisterPage.tsx';

const LIMITS = { pickup: 6, emergency: 4 };

export function PeopleEditPage({ kind }: { kind: 'pickup' | 'emergency' }) {
  const { family, placeholder } = useLoadedFamily();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const goBack = useGoBack('/family');
  const people = family ? (kind === 'pickup' ? family.pickupPersons : family.emergencyContacts) : [];

  async function save() {
    let v: { people?: (PersonInput & { maskedPhone?: string })[] };
    try {
      v = await form.validateFields();
    } catch {
      scrollToFirstError();
      return;
    }
    const list = (v.people ?? []).map((p) => ({ name: p.name.trim(), relation: p.relation.trim(), phone: p.phone.trim() }));
    await saveForm(form, setSaving, async () => {
      setFamily(await put<FamilyEnvelope>(`/api/family/${kind === 'pickup' ? 'pickup-persons' : 'emergency-contacts'}`, { people: list }));
      Toast.show({ content: t('family.edit.saved'), icon: 'success' });
      goBack();
    });
  }

  const canEdit = editable(family);
  const title = kind === 'pickup' ? t('family.edit.pickupTitle') : t('family.edit.emergencyTitle');
  const rowTitle = kind === 'pickup' ? 'family.register.pickupN' : 'family.register.emergencyN';
  return (
    <FlowPage
      title={title}
      qa={`${kind}-edit-page`}
      footer={
        family && canEdit ? (
          <Button block color="primary" shape="rounded" size="large" loading={saving} onClick={() => void save()} data-qa="save">
            {t('family.edit.save')}
          </Button>
        ) : null
      }
    >
      {placeholder}
      {family && !canEdit && <LockedNote />}
      {family && canEdit && (
        <>
          <p className="form-lead">{kind === 'pickup' ? t('family.register.peopleLead') : t('family.register.emergencyLead')}</p>
          {people.length > 0 && <p className="form-lead tight muted">{t('family.edit.peopleNote')}</p>}
          <Form
            form={form}
            className="bbw-form"
            layout="horizontal"
            style={{ '--prefix-width': '5.2em' }}
            initialValues={{
              people: people.length
                ? people.map((p) => ({ name: p.name, relation: p.relation, phone: '', maskedPhone: p.phoneMasked }))
                : [{}],
            }}
          >
            <div>
              <Form.Array
                name="people"
                renderHeader={({ index }, { remove }) => (
                  <div className="array-head">
                    <span>{t(rowTitle, { n: index + 1 })}</span>
                    <a className="array-remove" onClick={() => remove(index)} data-qa="person-remove">
                      {t('family.register.remove')}
                    </a>
                  </div>
                )}
                onAdd={({ add }) => {
                  if (((form.getFieldValue('people') as unknown[] | undefined)?.length ?? 0) >= LIMITS[kind]) return;
                  add({});
                }}
                renderAdd={() => (
                  <span className="array-add" data-qa="person-add">
                    <PlusIcon /> {kind === 'pickup' ? t('family.register.addPickup') : t('family.register.addEmergency')}
                  </span>
                )}
              >
                {(fields) =>
                  fields.map(({ index, key }) => (
                    <PersonFields
                      key={key}
                      name={[index]}
                      qa={`person-${index}`}
                      maskedPhone={form.getFieldValue(['people', index, 'maskedPhone']) as string | undefined}
                    />
                  ))
                }
              </Form.Array>
            </div>
          </Form>
        </>
      )}
    </FlowPage>
  );
}
